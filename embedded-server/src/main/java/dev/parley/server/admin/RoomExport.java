package dev.parley.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.platform.SafeFileNames;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.channel.Channel;
import dev.parley.server.channel.ChannelRepository;
import dev.parley.server.chat.ChatRepository;
import dev.parley.server.chat.ChatViews;
import dev.parley.server.chat.ConversationKey;
import dev.parley.server.chat.StoredMessage;
import dev.parley.server.chat.StoredReaction;
import dev.parley.server.files.FileStore;
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
 * tools read both. Messages keep their attached file's details; unless left out, the files themselves
 * are copied from the data folder into {@code files/<sha256>.<ext>} beside the JSON files (each stored
 * once, as the room keeps them) and each export's {@code files} list names them by that relative path,
 * or says why one is missing. Reads the database directly; one export at a time per instance.
 */
final class RoomExport {
    static final String FORMAT = "parley-chat-export/1";
    /** The folder, beside the JSON files, that holds the room's files. */
    static final String FILES = "files";
    private static final int BATCH = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL).enable(SerializationFeature.INDENT_OUTPUT);

    private final ChannelRepository channels = new ChannelRepository();
    private final AccountRepository accounts = new AccountRepository();
    private final ChatRepository chat = new ChatRepository();
    private final SearchRows rows = new SearchRows();

    /** The files written, with how many messages each holds, how many files it refers to and which were missing. */
    record Written(Path file, int messages, int files, List<String> problems) {
    }

    /** Where the room keeps its files; null to leave them out of the export. Set for one export run. */
    private FileStore store;
    /** The folder being exported to. Set for one export run. */
    private Path folder;

    List<Written> export(Connection c, Path folder, String room, boolean directMessages, Clock clock)
            throws SQLException, IOException {
        return export(c, folder, room, directMessages, null, clock);
    }

    /** @param store the room's files to copy into the export, null to leave them out */
    List<Written> export(Connection c, Path folder, String room, boolean directMessages, FileStore store, Clock clock)
            throws SQLException, IOException {
        this.store = store;
        this.folder = folder;
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
        List<Map<String, Object>> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredMessage> batch = rows.after(c, conversation, after, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            Map<Long, List<StoredReaction>> reactions = chat.reactionCounts(c, batch.stream().map(StoredMessage::id).toList());
            Map<Long, FileInfo> attached = attachments(c, conversation, after, batch.get(batch.size() - 1).id());
            for (StoredMessage message : batch) {
                ChatMessage wire = ChatViews.wire(message, reactions.getOrDefault(message.id(), List.of()), (String) null);
                FileInfo attachment = message.deleted() ? null : attached.get(message.id());
                if (attachment != null) {
                    wire = new ChatMessage(wire.id(), wire.ts(), wire.channelId(), wire.toUserId(), wire.authorId(),
                            wire.authorName(), wire.text(), wire.replyTo(), wire.editedTs(), wire.deleted(), wire.nonce(),
                            wire.reactions(), attachment);
                    if (store != null) {
                        files.add(copy(attachment, message.id(), path(attachment), problems));
                    }
                }
                messages.add(wire);
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
        if (!files.isEmpty()) {
            export.put("files", files);
        }
        JSON.writeValue(file.toFile(), export);
        return new Written(file, messages.size(), (int) files.stream().filter(f -> f.containsKey("path")).count(), problems);
    }

    /** The attached files of a conversation's messages with ids in {@code (afterId, lastId]}, by message id. */
    private static Map<Long, FileInfo> attachments(Connection c, ConversationKey conversation, long afterId, long lastId)
            throws SQLException {
        Map<Long, FileInfo> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, file_sha256, file_name, file_size, file_type, file_width,"
                + " file_height, file_thumb FROM messages WHERE conv_key = ? AND id > ? AND id <= ? AND file_sha256 IS NOT NULL")) {
            ps.setString(1, conversation.key());
            ps.setLong(2, afterId);
            ps.setLong(3, lastId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong("id"), new FileInfo(rs.getString("file_sha256"), rs.getString("file_name"),
                            rs.getLong("file_size"), rs.getString("file_type"), rs.getObject("file_width", Integer.class),
                            rs.getObject("file_height", Integer.class), rs.getBoolean("file_thumb")));
                }
            }
        }
        return found;
    }

    /** {@code files/<sha256>.<ext>}: by content hash, as the room stores it, with the name's extension for viewers. */
    private static String path(FileInfo file) {
        int dot = file.name().lastIndexOf('.');
        String extension = dot > 0 ? SafeFileNames.slug(file.name().substring(dot + 1), "") : "";
        return FILES + "/" + file.sha256() + (extension.isEmpty() || extension.length() > 10 ? "" : "." + extension);
    }

    /** Copies one stored file into the export (once per content hash); notes a missing one instead of failing. */
    private Map<String, Object> copy(FileInfo file, long messageId, String relative, List<String> problems)
            throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("messageId", messageId);
        entry.put("sha256", file.sha256());
        Path source = store.blob(file.sha256());
        Path target = folder.resolve(relative);
        if (!Files.exists(target)) {
            if (!Files.isRegularFile(source)) {
                String problem = "the room's copy of " + file.name() + " (message " + messageId + ") is missing from "
                        + source.getParent();
                problems.add(problem);
                entry.put("error", "the room's copy is missing");
                return entry;
            }
            Files.createDirectories(target.getParent());
            Files.copy(source, target);
        }
        entry.put("path", relative);
        return entry;
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
