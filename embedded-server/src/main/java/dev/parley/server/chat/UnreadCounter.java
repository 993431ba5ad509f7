package dev.parley.server.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An account's unread counts for sign-in, at a cost that does not grow with the room's history. Each
 * conversation is one walk down the {@code (conv_key, id)} index from the newest message towards the read
 * marker, stopping after {@code cap + 1} messages; what those messages hold is counted, and a walk that
 * did not reach the marker says so ({@link Tally#capped()}). The direct conversations an account is in are
 * found by skipping through the V8 {@code (dm_low, dm_high)} and {@code (dm_high, dm_low)} indexes, one
 * seek per partner, never by reading the account's direct messages.
 *
 * <p>Before this, one {@code COUNT(*)} over every message after the marker took over 10 s at a million
 * messages for a reader who had read nothing (docs/BENCHMARKS.md). Stateless and thread-safe; every
 * method runs on the connection it is given, inside the caller's transaction.
 */
public final class UnreadCounter {

    /**
     * Unread messages in one conversation.
     *
     * @param count     unread messages among those looked at, at most the cap
     * @param capped    more than {@code cap} messages follow the marker and only the newest {@code cap + 1}
     *                  were looked at: there are at least {@code count} unread, maybe more
     * @param newestId  the newest unread message (orders the conversations)
     * @param lastRead  the read marker, 0 if none
     */
    public record Tally(int count, boolean capped, long newestId, long lastRead) {
    }

    // ORDER BY names conv_key too although it is fixed by the WHERE: H2 (2.3) walks an index in order
    // only when the ORDER BY starts with the index's first column; "ORDER BY id DESC" made it read and
    // sort the whole conversation first. PostgreSQL plans both the same.
    private static final String WALK = "SELECT COUNT(*),"
            + " COALESCE(SUM(CASE WHEN t.deleted = FALSE AND (t.author_id IS NULL OR t.author_id <> ?) THEN 1 ELSE 0 END), 0),"
            + " COALESCE(MAX(CASE WHEN t.deleted = FALSE AND (t.author_id IS NULL OR t.author_id <> ?) THEN t.id END), 0)"
            + " FROM (SELECT id, deleted, author_id FROM messages WHERE conv_key = ? AND id > ?"
            + " ORDER BY conv_key DESC, id DESC LIMIT ?) t";
    private static final String NEXT_HIGH_PEER = "SELECT dm_high FROM messages WHERE dm_low = ? AND dm_high > ?"
            + " ORDER BY dm_low, dm_high LIMIT 1";
    private static final String NEXT_LOW_PEER = "SELECT dm_low FROM messages WHERE dm_high = ? AND dm_low > ?"
            + " ORDER BY dm_high, dm_low LIMIT 1";

    private final int cap;

    /** @param cap the most messages counted per conversation ({@code Limits.UNREAD_COUNT_CAP} in a room) */
    public UnreadCounter(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive: " + cap);
        }
        this.cap = cap;
    }

    /**
     * Unread messages per conversation: in the visible channels and the account's direct conversations,
     * after its read marker, not deleted and not written by itself. Conversations with nothing unread are
     * absent; the one with the newest unread message comes first.
     */
    public Map<ConversationKey, Tally> count(Connection c, long accountId, Collection<Long> visibleChannelIds)
            throws SQLException {
        Objects.requireNonNull(visibleChannelIds, "visibleChannelIds");
        Map<String, Long> markers = markers(c, accountId);
        List<ConversationKey> conversations = new ArrayList<>();
        for (long channelId : visibleChannelIds) {
            conversations.add(ConversationKey.channel(channelId));
        }
        for (long peer : directPeers(c, accountId)) {
            conversations.add(ConversationKey.direct(accountId, peer));
        }
        List<Map.Entry<ConversationKey, Tally>> found = new ArrayList<>();
        try (PreparedStatement walk = c.prepareStatement(WALK)) {
            for (ConversationKey conversation : conversations) {
                long lastRead = markers.getOrDefault(conversation.key(), 0L);
                walk.setLong(1, accountId);
                walk.setLong(2, accountId);
                walk.setString(3, conversation.key());
                walk.setLong(4, lastRead);
                walk.setInt(5, cap + 1);
                try (ResultSet rs = walk.executeQuery()) {
                    rs.next();
                    long walked = rs.getLong(1);
                    long unread = rs.getLong(2);
                    if (unread > 0) {
                        found.add(Map.entry(conversation,
                                new Tally((int) Math.min(unread, cap), walked > cap, rs.getLong(3), lastRead)));
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong((Map.Entry<ConversationKey, Tally> e) -> e.getValue().newestId()).reversed());
        Map<ConversationKey, Tally> result = new LinkedHashMap<>();
        found.forEach(entry -> result.put(entry.getKey(), entry.getValue()));
        return result;
    }

    /** The account's read markers by conversation key: one row per conversation it ever marked read. */
    private static Map<String, Long> markers(Connection c, long accountId) throws SQLException {
        Map<String, Long> markers = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT conv_key, last_read_id FROM read_markers WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    markers.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return markers;
    }

    /** Everyone the account has a direct conversation with, one index seek each (a loose index scan). */
    static List<Long> directPeers(Connection c, long accountId) throws SQLException {
        List<Long> peers = new ArrayList<>();
        skip(c, NEXT_HIGH_PEER, accountId, peers);
        skip(c, NEXT_LOW_PEER, accountId, peers);
        return peers;
    }

    private static void skip(Connection c, String next, long accountId, List<Long> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(next)) {
            long after = Long.MIN_VALUE;
            while (true) {
                ps.setLong(1, accountId);
                ps.setLong(2, after);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    after = rs.getLong(1);
                }
                into.add(after);
            }
        }
    }
}
