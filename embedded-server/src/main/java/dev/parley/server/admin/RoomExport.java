package dev.parley.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.platform.SafeFileNames;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.channel.Channel;
import dev.parley.server.channel.ChannelRepository;
import dev.parley.server.chat.ChatRepository;
import dev.parley.server.chat.ChatViews;
import dev.parley.server.chat.ConversationKey;
import dev.parley.server.chat.StoredMessage;
import dev.parley.server.chat.StoredReaction;
import dev.parley.server.search.SearchRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole room's chat, for its admin: one JSON file per channel (and, when asked, per direct
 * conversation) in the layout the app and CLI export ({@code parley-chat-export/1}), so the same
 * tools read both. Reads the database directly; stateless.
 */
final class RoomExport {
    static final String FORMAT = "parley-chat-export/1";
    private static final int BATCH = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL).enable(SerializationFeature.INDENT_OUTPUT);

    private final ChannelRepository channels = new ChannelRepository();
    private final AccountRepository accounts = new AccountRepository();
    private final ChatRepository chat = new ChatRepository();
    private final SearchRows rows = new SearchRows();

    /** The files written, with how many messages each holds. */
    record Written(Path file, int messages) {
    }

    List<Written> export(Connection c, Path folder, String room, boolean directMessages, Clock clock)
            throws SQLException, IOException {
        Files.createDirectories(folder);
        List<Written> written = new ArrayList<>();
        for (Channel channel : channels.all(c)) {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("channelId", channel.id());
            where.put("title", "#" + channel.name());
            written.add(write(c, folder.resolve("channel-" + channel.id() + "-" + SafeFileNames.slug(channel.name(), "channel") + ".json"),
                    ConversationKey.channel(channel.id()), where, room, clock));
        }
        if (directMessages) {
            for (ConversationKey.Direct direct : directConversations(c)) {
                Map<String, Object> where = new LinkedHashMap<>();
                // userId names the other person from the first account's side, as that account's own export would
                where.put("userId", direct.highAccountId());
                where.put("title", "Direct messages between " + name(c, direct.lowAccountId()) + " and "
                        + name(c, direct.highAccountId()));
                written.add(write(c, folder.resolve("dm-" + direct.lowAccountId() + "-" + direct.highAccountId() + ".json"),
                        direct, where, room, clock));
            }
        }
        return written;
    }

    private Written write(Connection c, Path file, ConversationKey conversation, Map<String, Object> where, String room,
                          Clock clock) throws SQLException, IOException {
        List<ChatMessage> messages = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredMessage> batch = rows.after(c, conversation, after, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            Map<Long, List<StoredReaction>> reactions = chat.reactionCounts(c, batch.stream().map(StoredMessage::id).toList());
            for (StoredMessage message : batch) {
                messages.add(ChatViews.wire(message, reactions.getOrDefault(message.id(), List.of()), (String) null));
            }
            after = batch.get(batch.size() - 1).id();
        }
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("format", FORMAT);
        export.put("room", room);
        export.put("exportedAt", clock.millis());
        export.put("exportedBy", AdminMain.ACTOR_NAME);
        export.put("conversation", where);
        export.put("messages", messages);
        JSON.writeValue(file.toFile(), export);
        return new Written(file, messages.size());
    }

    private static List<ConversationKey.Direct> directConversations(Connection c) throws SQLException {
        List<ConversationKey.Direct> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT dm_low, dm_high FROM messages WHERE channel_id IS NULL ORDER BY dm_low, dm_high");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new ConversationKey.Direct(rs.getLong(1), rs.getLong(2)));
            }
        }
        return found;
    }

    private String name(Connection c, long accountId) throws SQLException {
        return accounts.findById(c, accountId).map(account -> account.username()).orElse("account " + accountId);
    }
}
