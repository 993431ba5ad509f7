package dev.parley.server.search;

import dev.parley.server.chat.ConversationKey;
import java.util.Objects;

/**
 * What the search index knows of one live (not deleted) message. {@code authorId} is the account
 * that wrote it, null for a guest; {@code hasFile} is true when the message carries an attachment
 * (always false until messages can carry files).
 */
public record IndexedMessage(long id, long createdAtMillis, ConversationKey conversation, Long authorId, String text,
                             boolean hasFile) {
    public IndexedMessage {
        if (id <= 0) {
            throw new IllegalArgumentException("message id must be positive: " + id);
        }
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(text, "text");
    }
}
