package dev.parley.server.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored message. {@code authorId} is null for guests; {@code authorName} is the name at send time.
 * A deleted message keeps its row (so replies and ids stay stable) with {@code text} blanked.
 * {@code file} is the attached file (issue 13), null for none and always null once deleted.
 */
public record StoredMessage(long id, Instant createdAt, ConversationKey conversation, Long authorId,
                          String authorKey, String authorName, String text, Long replyTo, Instant editedAt,
                          boolean deleted, String nonce, dev.parley.protocol.control.model.FileInfo file) {

    /** A message without a file. */
    public StoredMessage(long id, Instant createdAt, ConversationKey conversation, Long authorId, String authorKey,
                         String authorName, String text, Long replyTo, Instant editedAt, boolean deleted, String nonce) {
        this(id, createdAt, conversation, authorId, authorKey, authorName, text, replyTo, editedAt, deleted, nonce, null);
    }

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
