package dev.parley.server.chat;

import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Messages, reactions and read markers. Every method runs on the connection it is given, inside the
 * caller's {@code Database.submit}/{@code transact} transaction. Stateless and thread-safe.
 */
public final class ChatRepository {

    public static final int MAX_TEXT_LENGTH = 4000;
    public static final int MAX_NONCE_LENGTH = 64;
    public static final int MAX_EMOJI_LENGTH = 32;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_CATCH_UP_SIZE = 1000;

    private static final String COLUMNS = "id, created_at, channel_id, dm_low, dm_high, author_id, author_key,"
            + " author_name, body, reply_to, edited_at, deleted, nonce"
            + ", file_sha256, file_name, file_size, file_type, file_width, file_height, file_thumb";

    private final Clock clock;

    public ChatRepository() {
        this(Clock.systemUTC());
    }

    public ChatRepository(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores a message unless this author already sent {@code nonce}, in which case the original is
     * returned with {@code duplicate = true} (whatever the new text says). Correct when two threads
     * race with the same nonce: one stores, the other gets the stored message back.
     *
     * @throws IllegalArgumentException if text or nonce is empty or too long
     */
    public Inserted insert(Connection c, ConversationKey conversation, Author author, String text, Long replyTo,
                           String nonce) throws SQLException {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(author, "author");
        requireLength("text", text, MAX_TEXT_LENGTH);
        return insertUnchecked(c, conversation, author, text, replyTo, nonce);
    }

    /**
     * As {@link #insert}, but the text may be empty: a file sent without a caption (issue 13). The file is
     * attached by the caller in the same transaction.
     */
    public Inserted insertForFile(Connection c, ConversationKey conversation, Author author, String caption,
                                  String nonce) throws SQLException {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(caption, "caption");
        if (caption.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("caption must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return insertUnchecked(c, conversation, author, caption, null, nonce);
    }

    private Inserted insertUnchecked(Connection c, ConversationKey conversation, Author author, String text,
                                     Long replyTo, String nonce) throws SQLException {
        requireLength("nonce", nonce, MAX_NONCE_LENGTH);
        Optional<StoredMessage> existing = findByNonce(c, author.key(), nonce);
        if (existing.isPresent()) {
            return new Inserted(existing.get(), true);
        }
        Instant now = SqlSupport.now(clock);
        // A racing twin may commit between our check and our insert: the unique constraint catches it,
        // and the savepoint keeps the transaction usable (PostgreSQL would abort it otherwise).
        Savepoint savepoint = c.setSavepoint();
        try (PreparedStatement ps = SqlSupport.prepareInsert(c, "INSERT INTO messages (created_at, conv_key,"
                + " channel_id, dm_low, dm_high, author_id, author_key, author_name, body, reply_to, deleted, nonce)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)")) {
            SqlSupport.setInstant(ps, 1, now);
            ps.setString(2, conversation.key());
            Long channelId = conversation instanceof ConversationKey.Channel ch ? ch.channelId() : null;
            Long dmLow = conversation instanceof ConversationKey.Direct d ? d.lowAccountId() : null;
            Long dmHigh = conversation instanceof ConversationKey.Direct d ? d.highAccountId() : null;
            SqlSupport.setNullableLong(ps, 3, channelId);
            SqlSupport.setNullableLong(ps, 4, dmLow);
            SqlSupport.setNullableLong(ps, 5, dmHigh);
            SqlSupport.setNullableLong(ps, 6, author.accountId());
            ps.setString(7, author.key());
            ps.setString(8, author.displayName());
            ps.setString(9, text);
            SqlSupport.setNullableLong(ps, 10, replyTo);
            ps.setString(11, nonce);
            long id = SqlSupport.executeInsertReturningId(ps);
            c.releaseSavepoint(savepoint);
            return new Inserted(new StoredMessage(id, now, conversation, author.accountId(), author.key(),
                    author.displayName(), text, replyTo, null, false, nonce), false);
        } catch (SQLException e) {
            if (!SqlSupport.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(savepoint);
            StoredMessage original = findByNonce(c, author.key(), nonce)
                    .orElseThrow(() -> new SQLException("nonce conflict but no stored message", e));
            return new Inserted(original, true);
        }
    }

    /**
     * The account's direct conversations, the one with the newest message first, at most {@code limit}: the
     * partners found through the V8 indexes (one seek each), then per partner the newest id on the
     * {@code (conv_key, id)} index and the account's current name. A partner whose account is gone is left out.
     */
    public List<dev.parley.protocol.control.message.Chat.DirectPeer> directPeers(Connection c, long accountId, int limit)
            throws SQLException {
        List<dev.parley.protocol.control.message.Chat.DirectPeer> peers = new ArrayList<>();
        try (PreparedStatement newest = c.prepareStatement(
                "SELECT id FROM messages WHERE conv_key = ? ORDER BY conv_key DESC, id DESC LIMIT 1");
             PreparedStatement name = c.prepareStatement("SELECT username FROM accounts WHERE id = ?")) {
            for (long peer : UnreadCounter.directPeers(c, accountId)) {
                newest.setString(1, ConversationKey.direct(accountId, peer).key());
                name.setLong(1, peer);
                try (ResultSet last = newest.executeQuery(); ResultSet account = name.executeQuery()) {
                    if (last.next() && account.next()) {
                        peers.add(new dev.parley.protocol.control.message.Chat.DirectPeer(peer, account.getString(1),
                                last.getLong(1)));
                    }
                }
            }
        }
        peers.sort(java.util.Comparator.comparingLong(dev.parley.protocol.control.message.Chat.DirectPeer::lastMessageId)
                .reversed());
        return List.copyOf(peers.subList(0, Math.min(limit, peers.size())));
    }

    public Optional<StoredMessage> findById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE id = ?")) {
            ps.setLong(1, id);
            List<StoredMessage> found = readAll(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /**
     * One page of a conversation's history, <b>newest first</b>: the {@code limit} (clamped to
     * 1..{@value #MAX_PAGE_SIZE} + 1, the one extra row telling a caller whether another page
     * exists) messages with id below {@code beforeId} (null: from the newest).
     * Deleted messages are included as tombstones. Visibility is the caller's check.
     */
    public List<StoredMessage> page(Connection c, ConversationKey conversation, Long beforeId, int limit)
            throws SQLException {
        Objects.requireNonNull(conversation, "conversation");
        String sql = "SELECT " + COLUMNS + " FROM messages WHERE conv_key = ?"
                + (beforeId == null ? "" : " AND id < ?") + " ORDER BY conv_key DESC, id DESC LIMIT ?";
        // conv_key in the ORDER BY: H2 walks the (conv_key, id) index backwards only so; with "ORDER BY id DESC"
        // it read and sorted the whole conversation for every page (about a second at 500,000 messages).
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, conversation.key());
            if (beforeId != null) {
                ps.setLong(i++, beforeId);
            }
            ps.setInt(i, clamp(limit, MAX_PAGE_SIZE + 1));
            return readAll(ps);
        }
    }

    /**
     * Catch-up after a reconnect, <b>oldest first</b>: messages with id above {@code afterId} in the
     * visible channels or in direct conversations of {@code accountId} (null for guests: no DMs), at
     * most {@code limit} (clamped to 1..{@value #MAX_CATCH_UP_SIZE}). Call again from the last id while
     * a full page comes back. Only new ids are found: edits and deletes of older messages are not.
     */
    public List<StoredMessage> since(Connection c, long afterId, Collection<Long> visibleChannelIds, Long accountId,
                                   int limit) throws SQLException {
        List<Long> channelIds = List.copyOf(visibleChannelIds);
        if (channelIds.isEmpty() && accountId == null) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM messages WHERE id > ? AND (");
        appendVisibility(sql, channelIds, accountId);
        sql.append(") ORDER BY id LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, afterId);
            i = bindVisibility(ps, i, channelIds, accountId);
            ps.setInt(i, clamp(limit, MAX_CATCH_UP_SIZE));
            return readAll(ps);
        }
    }

    /**
     * Replaces the text and stamps {@code editedAt}. Who may edit is the caller's check.
     *
     * @return the edited message; empty if there is none or it was deleted
     */
    public Optional<StoredMessage> edit(Connection c, long id, String newText) throws SQLException {
        requireLength("text", newText, MAX_TEXT_LENGTH);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET body = ?, edited_at = ? WHERE id = ? AND deleted = FALSE")) {
            ps.setString(1, newText);
            SqlSupport.setInstant(ps, 2, SqlSupport.now(clock));
            ps.setLong(3, id);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return findById(c, id);
    }

    /**
     * Blanks the text, marks the message deleted and drops its reactions and attachment. Idempotent.
     *
     * @return the tombstone; empty if there is no such message
     */
    public Optional<StoredMessage> softDelete(Connection c, long id) throws SQLException {
        // The attachment goes with the text; the file itself is removed once no message refers to it.
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET body = '', deleted = TRUE, file_sha256 = NULL,"
                + " file_name = NULL, file_size = NULL, file_type = NULL, file_width = NULL, file_height = NULL,"
                + " file_thumb = NULL WHERE id = ?")) {
            ps.setLong(1, id);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM message_reactions WHERE message_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        return findById(c, id);
    }

    /** The newest message id, 0 when there is none; clients catch up from here after a reconnect. */
    public long lastMessageId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM messages");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public long countMessages(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM messages");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Adds a reaction; adding it twice is harmless.
     *
     * @return true if it was new
     */
    public boolean addReaction(Connection c, long messageId, String emoji, String userKey) throws SQLException {
        requireLength("emoji", emoji, MAX_EMOJI_LENGTH);
        Objects.requireNonNull(userKey, "userKey");
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO message_reactions (message_id, emoji, user_key, reacted_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, messageId);
            ps.setString(2, emoji);
            ps.setString(3, userKey);
            SqlSupport.setInstant(ps, 4, SqlSupport.now(clock));
            return SqlSupport.insertIgnoringDuplicate(c, ps);
        }
    }

    /** @return true if the reaction existed */
    public boolean removeReaction(Connection c, long messageId, String emoji, String userKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM message_reactions WHERE message_id = ? AND emoji = ? AND user_key = ?")) {
            ps.setLong(1, messageId);
            ps.setString(2, emoji);
            ps.setString(3, userKey);
            return ps.executeUpdate() > 0;
        }
    }

    /** How many different emoji the message carries, and whether {@code emoji} is one of them. */
    public record EmojiUse(int distinct, boolean present) {
    }

    public EmojiUse emojiUse(Connection c, long messageId, String emoji) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT emoji),"
                + " COALESCE(SUM(CASE WHEN emoji = ? THEN 1 ELSE 0 END), 0) FROM message_reactions WHERE message_id = ?")) {
            ps.setString(1, emoji);
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new EmojiUse(rs.getInt(1), rs.getLong(2) > 0);
            }
        }
    }

    /** Who reacted with {@code emoji} (user keys, first reaction first), from {@code offset}, at most {@code limit}. */
    public List<String> reactors(Connection c, long messageId, String emoji, int offset, int limit) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_key FROM message_reactions"
                + " WHERE message_id = ? AND emoji = ? ORDER BY reacted_at, user_key LIMIT ? OFFSET ?")) {
            ps.setLong(1, messageId);
            ps.setString(2, emoji);
            ps.setInt(3, limit);
            ps.setInt(4, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    public int reactorCount(Connection c, long messageId, String emoji) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM message_reactions WHERE message_id = ? AND emoji = ?")) {
            ps.setLong(1, messageId);
            ps.setString(2, emoji);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Reactions on one message, emoji ordered by their first use. */
    public List<StoredReaction> reactionCounts(Connection c, long messageId) throws SQLException {
        return reactionCounts(c, List.of(messageId)).getOrDefault(messageId, List.of());
    }

    /** Reactions on several messages (e.g. a history page); messages without reactions are absent. */
    public Map<Long, List<StoredReaction>> reactionCounts(Connection c, Collection<Long> messageIds)
            throws SQLException {
        List<Long> ids = List.copyOf(messageIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT message_id, emoji, user_key FROM message_reactions WHERE message_id IN ("
                + placeholders(ids.size()) + ") ORDER BY message_id, reacted_at, emoji, user_key";
        Map<Long, Map<String, List<String>>> grouped = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grouped.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(rs.getString(3));
                }
            }
        }
        Map<Long, List<StoredReaction>> result = new LinkedHashMap<>();
        grouped.forEach((messageId, byEmoji) -> {
            List<StoredReaction> counts = new ArrayList<>();
            byEmoji.forEach((emoji, users) -> counts.add(new StoredReaction(emoji, users.size(), users)));
            result.put(messageId, List.copyOf(counts));
        });
        return result;
    }

    /**
     * Records that the account has read the conversation up to {@code lastReadId}. Markers only move
     * forward: an older id leaves the marker where it is.
     *
     * @return the marker after the call
     */
    public long markRead(Connection c, long accountId, ConversationKey conversation, long lastReadId)
            throws SQLException {
        Objects.requireNonNull(conversation, "conversation");
        if (advanceMarker(c, accountId, conversation, lastReadId) == 0 && lastRead(c, accountId, conversation) == 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO read_markers (account_id, conv_key, last_read_id) VALUES (?, ?, ?)")) {
                ps.setLong(1, accountId);
                ps.setString(2, conversation.key());
                ps.setLong(3, lastReadId);
                if (!SqlSupport.insertIgnoringDuplicate(c, ps)) {
                    advanceMarker(c, accountId, conversation, lastReadId);
                }
            }
        }
        return lastRead(c, accountId, conversation);
    }

    /** The account's read marker in a conversation; 0 if it never read it. */
    public long lastRead(Connection c, long accountId, ConversationKey conversation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_read_id FROM read_markers WHERE account_id = ? AND conv_key = ?")) {
            ps.setLong(1, accountId);
            ps.setString(2, conversation.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    /**
     * Unread messages per conversation for an account, counted up to {@code Limits.UNREAD_COUNT_CAP} per
     * conversation (see {@link UnreadCounter}, which sign-in uses directly to learn which counts are capped).
     */
    public Map<ConversationKey, Integer> unreadCounts(Connection c, long accountId, Collection<Long> visibleChannelIds)
            throws SQLException {
        Map<ConversationKey, Integer> result = new LinkedHashMap<>();
        new UnreadCounter(dev.parley.protocol.control.Limits.UNREAD_COUNT_CAP).count(c, accountId, visibleChannelIds)
                .forEach((conversation, tally) -> result.put(conversation, tally.count()));
        return result;
    }

    private static int advanceMarker(Connection c, long accountId, ConversationKey conversation, long lastReadId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE read_markers SET last_read_id = ?"
                + " WHERE account_id = ? AND conv_key = ? AND last_read_id < ?")) {
            ps.setLong(1, lastReadId);
            ps.setLong(2, accountId);
            ps.setString(3, conversation.key());
            ps.setLong(4, lastReadId);
            return ps.executeUpdate();
        }
    }

    private static Optional<StoredMessage> findByNonce(Connection c, String authorKey, String nonce)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM messages WHERE author_key = ? AND nonce = ?")) {
            ps.setString(1, authorKey);
            ps.setString(2, nonce);
            List<StoredMessage> found = readAll(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** Channel ids in the list, or a direct conversation of the account; never matches nothing-by-accident. */
    private static void appendVisibility(StringBuilder sql, List<Long> channelIds, Long accountId) {
        List<String> terms = new ArrayList<>();
        if (!channelIds.isEmpty()) {
            terms.add("channel_id IN (" + placeholders(channelIds.size()) + ")");
        }
        if (accountId != null) {
            terms.add("dm_low = ?");
            terms.add("dm_high = ?");
        }
        sql.append(terms.isEmpty() ? "1 = 0" : String.join(" OR ", terms));
    }

    private static int bindVisibility(PreparedStatement ps, int index, List<Long> channelIds, Long accountId)
            throws SQLException {
        int i = index;
        for (long channelId : channelIds) {
            ps.setLong(i++, channelId);
        }
        if (accountId != null) {
            ps.setLong(i++, accountId);
            ps.setLong(i++, accountId);
        }
        return i;
    }

    private static List<StoredMessage> readAll(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<StoredMessage> messages = new ArrayList<>();
            while (rs.next()) {
                messages.add(read(rs));
            }
            return messages;
        }
    }

    private static StoredMessage read(ResultSet rs) throws SQLException {
        Long channelId = SqlSupport.getNullableLong(rs, "channel_id");
        ConversationKey conversation = channelId != null
                ? ConversationKey.channel(channelId)
                : new ConversationKey.Direct(rs.getLong("dm_low"), rs.getLong("dm_high"));
        return new StoredMessage(rs.getLong("id"), SqlSupport.getInstant(rs, "created_at"), conversation,
                SqlSupport.getNullableLong(rs, "author_id"), rs.getString("author_key"), rs.getString("author_name"),
                rs.getString("body"), SqlSupport.getNullableLong(rs, "reply_to"),
                SqlSupport.getInstant(rs, "edited_at"), rs.getBoolean("deleted"), rs.getString("nonce"), file(rs));
    }

    private static dev.parley.protocol.control.model.FileInfo file(ResultSet rs) throws SQLException {
        String sha256 = rs.getString("file_sha256");
        if (sha256 == null) {
            return null;
        }
        Integer width = (Integer) rs.getObject("file_width", Integer.class);
        Integer height = (Integer) rs.getObject("file_height", Integer.class);
        return new dev.parley.protocol.control.model.FileInfo(sha256, rs.getString("file_name"), rs.getLong("file_size"),
                rs.getString("file_type"), width, height, rs.getBoolean("file_thumb"));
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static int clamp(int limit, int max) {
        return Math.max(1, Math.min(limit, max));
    }

    private static void requireLength(String what, String value, int max) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters, was " + value.length());
        }
    }
}
