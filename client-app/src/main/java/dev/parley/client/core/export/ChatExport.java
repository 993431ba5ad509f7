package dev.parley.client.core.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.protocol.control.model.ChatMessage;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * One exported conversation, as written to a {@code .json} file: the messages exactly as the room
 * sent them to the exporting user ({@link ChatMessage}, the protocol's own record), oldest first.
 * {@code format} names this layout so later versions can read old files.
 *
 * <p>Files attached to messages: each {@link ChatMessage} names its file ({@code file}); {@code files}
 * says where the export saved each one, relative to the export file itself ({@code lobby_files/12-cat.png}),
 * or why it could not ({@code error}). No entry for a message means its file was left out on purpose
 * (exported without files). Older exports without {@code files} read as having none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatExport(String format, String room, long exportedAt, String exportedBy, ExportedConversation conversation,
                         List<ChatMessage> messages, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ExportedFile> files) {
    public static final String FORMAT = "parley-chat-export/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // ChatMessage writes a derived "authorGuest"; reading, the id decides (see ChatMessage)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ChatExport {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(conversation, "conversation");
        messages = List.copyOf(messages);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** An export without files. */
    public ChatExport(String format, String room, long exportedAt, String exportedBy, ExportedConversation conversation,
                      List<ChatMessage> messages) {
        this(format, room, exportedAt, exportedBy, conversation, messages, List.of());
    }

    /** The same export with these files saved beside it. */
    public ChatExport withFiles(List<ExportedFile> saved) {
        return new ChatExport(format, room, exportedAt, exportedBy, conversation, messages, saved);
    }

    /** Where the file of message {@code messageId} went, if the export tried to save it. */
    public java.util.Optional<ExportedFile> fileOf(long messageId) {
        return files.stream().filter(file -> file.messageId() == messageId).findFirst();
    }

    /**
     * The file of one message: saved at {@code path} (relative to the export, {@code /}-separated), or
     * not saved because of {@code error}. Exactly one of the two is set.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExportedFile(long messageId, String sha256, String path, String error) {
        public ExportedFile {
            Objects.requireNonNull(sha256, "sha256");
            if ((path == null) == (error == null)) {
                throw new IllegalArgumentException("a file is saved at a path or failed with an error");
            }
            if (path != null && (path.startsWith("/") || path.contains("..") || path.contains("\\"))) {
                throw new IllegalArgumentException("a saved file's path is relative to the export: " + path);
            }
        }

        public static ExportedFile saved(long messageId, String sha256, String path) {
            return new ExportedFile(messageId, sha256, path, null);
        }

        public static ExportedFile failed(long messageId, String sha256, String error) {
            return new ExportedFile(messageId, sha256, null, error);
        }

        public boolean isSaved() {
            return path != null;
        }
    }

    /** The conversation: a channel ({@code channelId}) or the direct messages with {@code userId}; {@code title} as shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExportedConversation(Long channelId, Long userId, String title) {
        public ExportedConversation {
            if ((channelId == null) == (userId == null)) {
                throw new IllegalArgumentException("a conversation is a channel or a direct conversation");
            }
            Objects.requireNonNull(title, "title");
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new ExportException("could not write the export as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads a file {@link #toJson()} wrote. @throws ExportException if it is not one */
    public static ChatExport fromJson(String json) {
        ChatExport export;
        try {
            export = JSON.readValue(json, ChatExport.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ExportException("not a Parley chat export: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(export.format())) {
            throw new ExportException("unknown export format " + export.format() + " (this Parley reads " + FORMAT + ")");
        }
        return export;
    }
}
