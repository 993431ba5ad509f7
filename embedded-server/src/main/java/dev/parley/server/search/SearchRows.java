package dev.parley.server.search;

import dev.parley.protocol.control.model.FileInfo;
import dev.parley.server.chat.ConversationKey;
import dev.parley.server.chat.StoredMessage;
import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SQL search needs: messages by id, history after an id, and live messages to fill the index. Stateless. */
public final class SearchRows {
    private static final String COLUMNS = "id, created_at, channel_id, dm_low, dm_high, author_id, author_key,"
            + " author_name, body, reply_to, edited_at, deleted, nonce"
            + ", file_sha256, file_name, file_size, file_type, file_width, file_height, file_thumb";

    /** The messages with these ids that still exist, by id. */
    public Map<Long, StoredMessage> byIds(Connection c, List<Long> ids) throws SQLException {
        Map<Long, StoredMessage> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String sql = "SELECT " + COLUMNS + " FROM messages WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            for (StoredMessage message : readAll(ps)) {
                found.put(message.id(), message);
            }
        }
        return found;
    }

    /** Up to {@code limit} messages of a conversation with an id above {@code afterId}, oldest first. */
    public List<StoredMessage> after(Connection c, ConversationKey conversation, long afterId, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM messages WHERE conv_key = ? AND id > ? ORDER BY conv_key, id LIMIT ?")) {
            // conv_key in the ORDER BY lets H2 walk the (conv_key, id) index in order and stop at the limit
            ps.setString(1, conversation.key());
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            return readAll(ps);
        }
    }

    /** Up to {@code limit} live (not deleted) messages with an id above {@code afterId}, oldest first, for the index. */
    public List<IndexedMessage> liveAfter(Connection c, long afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, created_at, channel_id, dm_low, dm_high, author_id,"
                + " body, file_sha256 FROM messages WHERE id > ? AND deleted = FALSE ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<IndexedMessage> messages = new ArrayList<>();
                while (rs.next()) {
                    // a message carries a file while file_sha256 is set (deleting the message clears it)
                    messages.add(new IndexedMessage(rs.getLong("id"),
                            SqlSupport.getInstant(rs, "created_at").toEpochMilli(), conversation(rs),
                            SqlSupport.getNullableLong(rs, "author_id"), rs.getString("body"),
                            rs.getString("file_sha256") != null));
                }
                return messages;
            }
        }
    }

    private static ConversationKey conversation(ResultSet rs) throws SQLException {
        Long channelId = SqlSupport.getNullableLong(rs, "channel_id");
        return channelId != null ? ConversationKey.channel(channelId)
                : new ConversationKey.Direct(rs.getLong("dm_low"), rs.getLong("dm_high"));
    }

    /** The attachment as ChatRepository reads it: search results show the file like history does. */
    private static FileInfo file(ResultSet rs) throws SQLException {
        String sha256 = rs.getString("file_sha256");
        if (sha256 == null) {
            return null;
        }
        return new FileInfo(sha256, rs.getString("file_name"), rs.getLong("file_size"), rs.getString("file_type"),
                rs.getObject("file_width", Integer.class), rs.getObject("file_height", Integer.class),
                rs.getBoolean("file_thumb"));
    }

    private static List<StoredMessage> readAll(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<StoredMessage> messages = new ArrayList<>();
            while (rs.next()) {
                messages.add(new StoredMessage(rs.getLong("id"), SqlSupport.getInstant(rs, "created_at"),
                        conversation(rs), SqlSupport.getNullableLong(rs, "author_id"), rs.getString("author_key"),
                        rs.getString("author_name"), rs.getString("body"), SqlSupport.getNullableLong(rs, "reply_to"),
                        SqlSupport.getInstant(rs, "edited_at"), rs.getBoolean("deleted"), rs.getString("nonce"),
                        file(rs)));
            }
            return messages;
        }
    }
}
