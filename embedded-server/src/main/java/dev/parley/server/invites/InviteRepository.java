package dev.parley.server.invites;

import dev.parley.protocol.control.model.Role;
import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The invites table. Runs inside the caller's transaction. Stateless and thread-safe. */
public final class InviteRepository {
    private static final String COLUMNS = "id, code, role, channel_id, max_uses, uses, expires_at, created_at,"
            + " created_by, created_by_name, revoked_at";

    public StoredInvite insert(Connection c, StoredInvite invite) throws SQLException {
        try (PreparedStatement ps = SqlSupport.prepareInsert(c, "INSERT INTO invites (code, role, channel_id, max_uses,"
                + " uses, expires_at, created_at, created_by, created_by_name) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
            ps.setString(1, invite.code());
            ps.setString(2, invite.role().name());
            ps.setLong(3, invite.channelId());
            ps.setInt(4, invite.maxUses());
            SqlSupport.setInstant(ps, 5, invite.expiresAt());
            SqlSupport.setInstant(ps, 6, invite.createdAt());
            ps.setLong(7, invite.createdBy());
            ps.setString(8, invite.createdByName());
            long id = SqlSupport.executeInsertReturningId(ps);
            return new StoredInvite(id, invite.code(), invite.role(), invite.channelId(), invite.maxUses(), 0,
                    invite.expiresAt(), invite.createdAt(), invite.createdBy(), invite.createdByName(), null);
        }
    }

    public Optional<StoredInvite> findByCode(Connection c, String code) throws SQLException {
        return findOne(c, "SELECT " + COLUMNS + " FROM invites WHERE code = ?", ps -> ps.setString(1, code));
    }

    public Optional<StoredInvite> findById(Connection c, long id) throws SQLException {
        return findOne(c, "SELECT " + COLUMNS + " FROM invites WHERE id = ?", ps -> ps.setLong(1, id));
    }

    /**
     * Takes one use of the invite if it is still usable at {@code now}. One conditional UPDATE, so it
     * is atomic on H2 and PostgreSQL alike: of two joiners racing for the last use, exactly one
     * updates a row.
     *
     * @return whether a use was taken
     */
    public boolean takeUse(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE invites SET uses = uses + 1 WHERE id = ?"
                + " AND revoked_at IS NULL AND uses < max_uses AND (expires_at IS NULL OR expires_at > ?)")) {
            ps.setLong(1, id);
            SqlSupport.setInstant(ps, 2, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Invites not revoked, newest first. */
    public List<StoredInvite> notRevoked(Connection c, int limit) throws SQLException {
        List<StoredInvite> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM invites WHERE revoked_at IS NULL ORDER BY id DESC")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
        }
        return found;
    }

    /** @return false when there is no such invite or it was revoked already */
    public boolean revoke(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            SqlSupport.setInstant(ps, 1, now);
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static Optional<StoredInvite> findOne(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static StoredInvite read(ResultSet rs) throws SQLException {
        return new StoredInvite(rs.getLong("id"), rs.getString("code"), Role.valueOf(rs.getString("role")),
                rs.getLong("channel_id"), rs.getInt("max_uses"), rs.getInt("uses"), SqlSupport.getInstant(rs, "expires_at"),
                SqlSupport.getInstant(rs, "created_at"), rs.getLong("created_by"), rs.getString("created_by_name"),
                SqlSupport.getInstant(rs, "revoked_at"));
    }
}
