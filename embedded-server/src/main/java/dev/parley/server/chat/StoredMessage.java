package dev.parley.server.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored message. {@code authorId} is null for guests; {@code authorName} is the name at send time.
 * A deleted message keeps its row (so replies and ids stay stable) with {@code text} blanked.
 */
public record StoredMessage(long id, Instant createdAt, ConversationKey conversation, Long authorId,
                          String authorKey, String authorName, String text, Long replyTo, Instant editedAt,
                          boolean deleted, String nonce) {

    public StoredMessage {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(authorKey, "authorKey");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(nonce, "nonce");
    }

    public boolean edited() {
        return editedAt != null;
    }
}
