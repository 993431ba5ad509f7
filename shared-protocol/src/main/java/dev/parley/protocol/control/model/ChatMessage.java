package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.protocol.control.Check;
import java.util.List;

/**
 * A stored chat message. Exactly one of {@code channelId} (channel chat) and {@code toUserId}
 * (direct message to that account) is set. Ids and {@code ts} (epoch millis) are assigned by the
 * server and increase. A deleted message keeps its place with empty text.
 */
public record ChatMessage(
        long id,
        long ts,
        Long channelId,
        Long toUserId,
        long authorId,
        String authorName,
        String text,
        Long replyTo,
        Long editedTs,
        boolean deleted,
        String nonce,
        List<ReactionCount> reactions,
        FileInfo file) {
    public ChatMessage {
        Check.oneConversation(channelId, toUserId);
        Check.required(authorName, "authorName");
        Check.required(text, "text");
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
    }

    /** A message without a file (every message before issue 13's files). */
    public ChatMessage(long id, long ts, Long channelId, Long toUserId, long authorId, String authorName, String text,
                       Long replyTo, Long editedTs, boolean deleted, String nonce, List<ReactionCount> reactions) {
        this(id, ts, channelId, toUserId, authorId, authorName, text, replyTo, editedTs, deleted, nonce, reactions, null);
    }

    /** The same message with other text (a client showing what it opened of a sealed one). */
    public ChatMessage withText(String newText) {
        return new ChatMessage(id, ts, channelId, toUserId, authorId, authorName, newText, replyTo, editedTs, deleted,
                nonce, reactions, file);
    }

    /** The same message with another file (a client showing the opened name of a sealed one). */
    public ChatMessage withFile(FileInfo newFile) {
        return new ChatMessage(id, ts, channelId, toUserId, authorId, authorName, text, replyTo, editedTs, deleted,
                nonce, reactions, newFile);
    }

    /**
     * Sent as {@code authorGuest}: true when a guest wrote it (guests have negative ids), so a client
     * can mark it; a guest's {@code authorName} is a nickname anyone could have chosen. Derived from
     * {@code authorId}, so it cannot disagree with it; read back, the id decides.
     */
    @JsonProperty("authorGuest")
    public boolean authorGuest() {
        return authorId < 0;
    }
}
