package dev.parley.client.core.net;

import dev.parley.protocol.control.model.ChatMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A message handed to {@link ControlClient#sendMessage}. {@code delivered} completes (on the client
 * event thread) with the stored message, or fails with a {@link dev.parley.client.core.ClientException}
 * when the server refused it, the outbox was full, or the session ended before it could be sent.
 */
public record OutgoingMessage(PendingMessage message, CompletableFuture<ChatMessage> delivered) {
    public String nonce() {
        return message.nonce();
    }
}
