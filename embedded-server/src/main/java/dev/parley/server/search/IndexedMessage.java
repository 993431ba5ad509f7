package dev.parley.server.search;

import dev.parley.server.chat.ConversationKey;
import java.util.Objects;

/**
 * What the search index knows of one live (not deleted) message. {@code authorId} is the account
 * that wrote it, null for a guest; {@code hasFile} is true when the message carries an attachment
 * (a file sent with {@code file.upload}; deleting the message removes it). Text sealed end to end is
 * indexed as no words: it is noise to the server, and searching it is the members' own business.
 */
public record IndexedMessage(long id, long createdAtMillis, ConversationKey conversation, Long authorId, String text,
                             boolean hasFile) {
    public IndexedMessage {
        if (id <= 0) {
            throw new IllegalArgumentException("message id must be positive: " + id);
        }
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(text, "text");
        if (text.startsWith(dev.parley.protocol.e2e.SealedText.PREFIX)) {
            text = "";
        }
    }
}
