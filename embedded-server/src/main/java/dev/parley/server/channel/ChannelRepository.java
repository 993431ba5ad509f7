package dev.parley.server.channel;

import dev.parley.protocol.control.model.Role;
import dev.parley.server.db.SqlSupport;
import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.E2eMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Channel tree and per-channel permission overrides. Every method runs on the connection it is given,
 * inside the caller's {@code Database.submit}/{@code transact} transaction. Stateless and thread-safe.
 */
public final class ChannelRepository {

    /** The root lobby created by the first migration; it cannot be deleted. */
    public static final long LOBBY_ID = 1L;

    private static final String COLUMNS = "id, parent_id, name, description, sort_order, password_hash, created_at,"
            + " e2e_epoch, e2e_salt, e2e_mode, e2e_members";

    private final Clock clock;

    public ChannelRepository() {
        this(Clock.systemUTC());
    }

    public ChannelRepository(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a channel as the last child of {@code parentId} (null: a new root).
     *
     * @throws IllegalArgumentException if the parent does not exist
     */
    public Channel create(Connection c, Long parentId, String name, String description) throws SQLException {
        Objects.requireNonNull(name, "name");
        String desc = description == null ? "" : description;
        if (parentId != null && findById(c, parentId).isEmpty()) {
            throw new IllegalArgumentException("no parent channel " + parentId);
        }
        int position = nextPosition(c, parentId);
        Instant now = SqlSupport.now(clock);
        try (PreparedStatement ps = SqlSupport.prepareInsert(c,
                "INSERT INTO channels (parent_id, name, description, sort_order, created_at) VALUES (?, ?, ?, ?, ?)")) {
            SqlSupport.setNullableLong(ps, 1, parentId);
            ps.setString(2, name);
            ps.setString(3, desc);
            ps.setInt(4, position);
            SqlSupport.setInstant(ps, 5, now);
            long id = SqlSupport.executeInsertReturningId(ps);
            return new Channel(id, parentId, name, desc, position, null, now);
        }
    }

    /** Renames / re-describes a channel. @return the updated channel, empty if there is none */
    public Optional<Channel> update(Connection c, long id, String name, String description) throws SQLException {
        Objects.requireNonNull(name, "name");
        try (PreparedStatement ps = c.prepareStatement("UPDATE channels SET name = ?, description = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setString(2, description == null ? "" : description);
            ps.setLong(3, id);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return findById(c, id);
    }

    /**
     * Moves a channel under {@code parentId} (null: root) at sort position {@code position}. Siblings
     * are not renumbered: equal positions sort by id.
     *
     * @return the moved channel, empty if there is none
     * @throws IllegalArgumentException if the parent does not exist or is the channel or its descendant,
     *                                  or if the lobby would stop being a root
     */
    public Optional<Channel> move(Connection c, long id, Long parentId, int position) throws SQLException {
        if (id == LOBBY_ID && parentId != null) {
            throw new IllegalArgumentException("the lobby stays a root channel");
        }
        if (findById(c, id).isEmpty()) {
            return Optional.empty();
        }
        for (Long cursor = parentId; cursor != null; ) {
            if (cursor == id) {
                throw new IllegalArgumentException("channel " + id + " cannot move below itself");
            }
            Optional<Channel> ancestor = findById(c, cursor);
            if (ancestor.isEmpty()) {
                throw new IllegalArgumentException("no parent channel " + cursor);
            }
            cursor = ancestor.get().parentId();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE channels SET parent_id = ?, sort_order = ? WHERE id = ?")) {
            SqlSupport.setNullableLong(ps, 1, parentId);
            ps.setInt(2, position);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        return findById(c, id);
    }

    /**
     * Deletes a channel. Its children move up to the deleted channel's parent (keeping their
     * positions); its messages, reactions, overrides and read markers are deleted with it.
     *
     * @return false if there was no such channel
     * @throws IllegalArgumentException for the lobby
     */
    public boolean delete(Connection c, long id) throws SQLException {
        if (id == LOBBY_ID) {
            throw new IllegalArgumentException("the lobby cannot be deleted");
        }
        Optional<Channel> channel = findById(c, id);
        if (channel.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE channels SET parent_id = ? WHERE parent_id = ?")) {
            SqlSupport.setNullableLong(ps, 1, channel.get().parentId());
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM read_markers WHERE conv_key = ?")) {
            ps.setString(1, "c:" + id);
            ps.executeUpdate();
        }
        // messages, their reactions and the overrides go by ON DELETE CASCADE
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM channels WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** Makes the channel end-to-end encrypted, or gives it a new key epoch. @return false if no such channel */
    public boolean setE2e(Connection c, long id, ChannelE2e e2e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE channels SET e2e_epoch = ?, e2e_salt = ?, e2e_mode = ?, e2e_members = ? WHERE id = ?")) {
            ps.setInt(1, e2e.epoch());
            ps.setString(2, e2e.salt());
            ps.setString(3, e2e.mode().wire());
            ps.setString(4, e2e.members().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
            ps.setLong(5, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** Sets or (with null) removes the channel password hash. @return false if no such channel */
    public boolean setPasswordHash(Connection c, long id, String passwordHashOrNull) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE channels SET password_hash = ? WHERE id = ?")) {
            ps.setString(1, passwordHashOrNull);
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** Every channel, roots first, then grouped by parent id, each group by position then id. */
    public List<Channel> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM channels ORDER BY parent_id NULLS FIRST, sort_order, id");
             ResultSet rs = ps.executeQuery()) {
            List<Channel> channels = new ArrayList<>();
            while (rs.next()) {
                channels.add(read(rs));
            }
            return channels;
        }
    }

    public Optional<Channel> findById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM channels WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The overrides of one channel, ordered by role then permission. */
    public List<PermissionOverride> overrides(Connection c, long channelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT channel_id, role, permission, allowed"
                + " FROM channel_permission_overrides WHERE channel_id = ? ORDER BY role, permission")) {
            ps.setLong(1, channelId);
            return readOverrides(ps);
        }
    }

    /** Every override, ordered by channel, role, permission. */
    public List<PermissionOverride> allOverrides(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT channel_id, role, permission, allowed"
                + " FROM channel_permission_overrides ORDER BY channel_id, role, permission")) {
            return readOverrides(ps);
        }
    }

    /**
     * Allows or denies {@code permission} to {@code role} in a channel; {@code null} removes the
     * override so the role's default applies again.
     *
     * @throws IllegalArgumentException if the channel does not exist
     */
    public void setOverride(Connection c, long channelId, Role role, String permission, Boolean allowedOrNullToClear)
            throws SQLException {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(permission, "permission");
        if (allowedOrNullToClear == null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM channel_permission_overrides"
                    + " WHERE channel_id = ? AND role = ? AND permission = ?")) {
                ps.setLong(1, channelId);
                ps.setString(2, role.name());
                ps.setString(3, permission);
                ps.executeUpdate();
            }
            return;
        }
        if (findById(c, channelId).isEmpty()) {
            throw new IllegalArgumentException("no channel " + channelId);
        }
        // Portable upsert: update, else insert; if a racing writer inserted first, update again.
        if (updateOverride(c, channelId, role, permission, allowedOrNullToClear)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO channel_permission_overrides"
                + " (channel_id, role, permission, allowed) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, channelId);
            ps.setString(2, role.name());
            ps.setString(3, permission);
            ps.setBoolean(4, allowedOrNullToClear);
            if (!SqlSupport.insertIgnoringDuplicate(c, ps)) {
                updateOverride(c, channelId, role, permission, allowedOrNullToClear);
            }
        }
    }

    private static boolean updateOverride(Connection c, long channelId, Role role, String permission, boolean allowed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE channel_permission_overrides SET allowed = ?"
                + " WHERE channel_id = ? AND role = ? AND permission = ?")) {
            ps.setBoolean(1, allowed);
            ps.setLong(2, channelId);
            ps.setString(3, role.name());
            ps.setString(4, permission);
            return ps.executeUpdate() > 0;
        }
    }

    private static int nextPosition(Connection c, Long parentId) throws SQLException {
        String sql = parentId == null
                ? "SELECT COALESCE(MAX(sort_order) + 1, 0) FROM channels WHERE parent_id IS NULL"
                : "SELECT COALESCE(MAX(sort_order) + 1, 0) FROM channels WHERE parent_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parentId != null) {
                ps.setLong(1, parentId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<PermissionOverride> readOverrides(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<PermissionOverride> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new PermissionOverride(rs.getLong("channel_id"), Role.valueOf(rs.getString("role")),
                        rs.getString("permission"), rs.getBoolean("allowed")));
            }
            return result;
        }
    }

    private static Channel read(ResultSet rs) throws SQLException {
        int epoch = rs.getInt("e2e_epoch");
        ChannelE2e e2e = rs.wasNull() ? null : new ChannelE2e(epoch, rs.getString("e2e_salt"),
                rs.getString("e2e_mode") == null ? null : E2eMode.fromWire(rs.getString("e2e_mode")),
                members(rs.getString("e2e_members")));
        return new Channel(rs.getLong("id"), SqlSupport.getNullableLong(rs, "parent_id"), rs.getString("name"),
                rs.getString("description"), rs.getInt("sort_order"), rs.getString("password_hash"),
                SqlSupport.getInstant(rs, "created_at"), e2e);
    }

    private static List<Long> members(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(joined.split(",")).map(Long::valueOf).toList();
    }

    /** How many channels exist, the lobby included. */
    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM channels");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
