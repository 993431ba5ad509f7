package dev.parley.server.chat;

import java.util.Objects;

/**
 * Result of storing a message: {@code duplicate} is true when the author had already sent this nonce,
 * and {@code message} is then the originally stored message (nothing new was written).
 */
public record Inserted(StoredMessage message, boolean duplicate) {

    public Inserted {
        Objects.requireNonNull(message, "message");
    }
}
