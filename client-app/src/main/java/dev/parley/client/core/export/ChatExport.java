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
 * <p>Files attached to messages: when messages carry attachments, they travel inside each
 * {@link ChatMessage}; the exporter then also saves the files beside the export (a folder named
 * after it) and the Markdown links them. Nothing to save until then.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatExport(String format, String room, long exportedAt, String exportedBy, ExportedConversation conversation,
                         List<ChatMessage> messages) {
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
