package dev.parley.server.friends;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Friends;
import dev.parley.server.control.Refusal;
import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The friendships and friend_privacy tables. Each change checks the stored state in its own
 * transaction, so it is right even when the room's copy is a moment behind (all database work runs on
 * one thread, in order). Stateless and thread-safe.
 */
public final class FriendRepository {
    private static final String COLUMNS = "requester_id, target_id, requested_at, accepted_at";

    public List<FriendLink> all(Connection c) throws SQLException {
        List<FriendLink> links = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM friendships");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                links.add(read(rs));
            }
        }
        return links;
    }

    public Map<Long, Privacy> allPrivacy(Connection c) throws SQLException {
        Map<Long, Privacy> options = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT account_id, dm_friends_only, presence_friends_only FROM friend_privacy");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                options.put(rs.getLong(1), new Privacy(rs.getBoolean(2), rs.getBoolean(3)));
            }
        }
        return options;
    }

    /** The row between two accounts, whichever asked. */
    public Optional<FriendLink> find(Connection c, long a, long b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM friendships"
                + " WHERE (requester_id = ? AND target_id = ?) OR (requester_id = ? AND target_id = ?)")) {
            ps.setLong(1, a);
            ps.setLong(2, b);
            ps.setLong(3, b);
            ps.setLong(4, a);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** {@code me} asks {@code other}; if {@code other} had asked {@code me}, they become friends. */
    public FriendLink ask(Connection c, long me, long other, Instant now) throws SQLException {
        Optional<FriendLink> existing = find(c, me, other);
        if (existing.isPresent()) {
            FriendLink link = existing.get();
            if (link.accepted()) {
                throw new Refusal(ErrorCode.CONFLICT, "You are friends already.");
            }
            if (link.requester() == me) {
                throw new Refusal(ErrorCode.CONFLICT, "You asked already; the request is waiting for an answer.");
            }
            return accept(c, me, other, now);
        }
        if (count(c, "requester_id = ? AND accepted_at IS NULL", me) >= Friends.MAX_PENDING) {
            throw new Refusal(ErrorCode.LIMIT_REACHED, "You have " + Friends.MAX_PENDING
                    + " requests waiting for an answer; cancel some first.");
        }
        if (count(c, "target_id = ? AND accepted_at IS NULL", other) >= Friends.MAX_PENDING) {
            throw new Refusal(ErrorCode.LIMIT_REACHED, "They have too many requests waiting; try again later.");
        }
        requireRoomForFriend(c, me, "You have");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO friendships (requester_id, target_id, requested_at)"
                + " VALUES (?, ?, ?)")) {
            ps.setLong(1, me);
            ps.setLong(2, other);
            SqlSupport.setInstant(ps, 3, now);
            ps.executeUpdate();
        }
        return new FriendLink(me, other, now, null);
    }

    /** {@code me} accepts the request {@code requester} sent. */
    public FriendLink accept(Connection c, long me, long requester, Instant now) throws SQLException {
        FriendLink waiting = find(c, me, requester).filter(link -> !link.accepted() && link.target() == me)
                .orElseThrow(() -> Refusal.notFound("No friend request from them is waiting."));
        requireRoomForFriend(c, me, "You have");
        requireRoomForFriend(c, requester, "They have");
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE friendships SET accepted_at = ? WHERE requester_id = ? AND target_id = ?")) {
            SqlSupport.setInstant(ps, 1, now);
            ps.setLong(2, requester);
            ps.setLong(3, me);
            ps.executeUpdate();
        }
        return new FriendLink(waiting.requester(), waiting.target(), waiting.requestedAt(), now);
    }

    /** Deletes the request from {@code requester} to {@code target} if it is still waiting. */
    public boolean deleteRequest(Connection c, long requester, long target) throws SQLException {
        return delete(c, "requester_id = ? AND target_id = ? AND accepted_at IS NULL", requester, target) > 0;
    }

    /** Ends the friendship between two accounts. */
    public boolean deleteFriendship(Connection c, long a, long b) throws SQLException {
        return delete(c, "((requester_id = ? AND target_id = ?) OR (requester_id = ? AND target_id = ?))"
                + " AND accepted_at IS NOT NULL", a, b, b, a) > 0;
    }

    /** Stores both options (no upsert syntax is portable; one database thread makes update-then-insert safe). */
    public void savePrivacy(Connection c, long account, Privacy options) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE friend_privacy SET dm_friends_only = ?, presence_friends_only = ? WHERE account_id = ?")) {
            update.setBoolean(1, options.dmFriendsOnly());
            update.setBoolean(2, options.presenceFriendsOnly());
            update.setLong(3, account);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO friend_privacy (account_id, dm_friends_only, presence_friends_only) VALUES (?, ?, ?)")) {
            insert.setLong(1, account);
            insert.setBoolean(2, options.dmFriendsOnly());
            insert.setBoolean(3, options.presenceFriendsOnly());
            insert.executeUpdate();
        }
    }

    private void requireRoomForFriend(Connection c, long account, String who) throws SQLException {
        if (count(c, "(requester_id = ? OR target_id = ?) AND accepted_at IS NOT NULL", account, account)
                >= Friends.MAX_FRIENDS) {
            throw new Refusal(ErrorCode.LIMIT_REACHED, who + " " + Friends.MAX_FRIENDS + " friends, the most a room allows.");
        }
    }

    private static int count(Connection c, String where, long... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM friendships WHERE " + where)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int delete(Connection c, String where, long... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM friendships WHERE " + where)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, long... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setLong(i + 1, params[i]);
        }
    }

    private static FriendLink read(ResultSet rs) throws SQLException {
        return new FriendLink(rs.getLong("requester_id"), rs.getLong("target_id"),
                SqlSupport.getInstant(rs, "requested_at"), SqlSupport.getInstant(rs, "accepted_at"));
    }
}
