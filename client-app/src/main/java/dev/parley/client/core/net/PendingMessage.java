package dev.parley.client.core.net;

import java.time.Instant;

/**
 * A chat message the server has not yet confirmed. Its {@code nonce} comes back in the stored
 * {@link dev.parley.protocol.control.model.ChatMessage#nonce()}, which lets a view swap the pending
 * line for the real one.
 */
public record PendingMessage(String nonce, Conversation conversation, String text, Long replyTo, Instant queuedAt) {
}
