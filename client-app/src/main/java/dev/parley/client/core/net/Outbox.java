package dev.parley.client.core.net;

import dev.parley.client.core.ClientEventLoop;
import dev.parley.client.core.ClientException;
import dev.parley.client.core.Listeners;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat messages on their way to the server, in the order they were written. A message keeps its
 * nonce through every retry (after a reconnect, after a timeout, after being rate-limited), so the
 * server stores it once however often it is sent. Event thread only, except {@link #snapshot()}.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** The connection as the outbox sees it. */
    interface Sender {
        boolean online();

        CompletableFuture<Chat.Sent> send(Chat.Send request);
    }

    private static final class Entry {
        final PendingMessage message;
        final Chat.Send request;
        final CompletableFuture<ChatMessage> delivered;
        boolean inFlight;
        boolean resting;

        Entry(PendingMessage message, Chat.Send request, CompletableFuture<ChatMessage> delivered) {
            this.message = message;
            this.request = request;
            this.delivered = delivered;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final ClientEventLoop loop;
    private final Sender sender;
    private final int capacity;
    private final int window;
    private final long rateLimitRetryMillis;
    private final Listeners<List<PendingMessage>> changes = new Listeners<>();
    private volatile List<PendingMessage> snapshot = List.of();
    private int inFlight;

    Outbox(ClientEventLoop loop, Sender sender, int capacity, int window, long rateLimitRetryMillis) {
        this.loop = loop;
        this.sender = sender;
        this.capacity = capacity;
        this.window = window;
        this.rateLimitRetryMillis = rateLimitRetryMillis;
    }

    Listeners<List<PendingMessage>> changes() {
        return changes;
    }

    /** Thread-safe: the messages waiting right now, oldest first. */
    List<PendingMessage> snapshot() {
        return snapshot;
    }

    void add(PendingMessage message, Chat.Send request, CompletableFuture<ChatMessage> delivered) {
        if (entries.size() >= capacity) {
            delivered.completeExceptionally(new ClientException(
                    "Too many messages are waiting to be sent; try again when the connection is back."));
            return;
        }
        entries.put(message.nonce(), new Entry(message, request, delivered));
        changed();
        pump();
    }

    /** Sends whatever may go now, keeping at most {@code window} messages in flight. */
    void pump() {
        if (!sender.online()) {
            return;
        }
        for (Entry entry : entries.values()) {
            if (inFlight >= window) {
                return;
            }
            if (!entry.inFlight && !entry.resting) {
                send(entry);
            }
        }
    }

    private void send(Entry entry) {
        entry.inFlight = true;
        inFlight++;
        sender.send(entry.request).whenComplete((sent, error) -> {
            entry.inFlight = false;
            inFlight--;
            if (entries.get(entry.message.nonce()) != entry) {
                return;
            }
            if (error == null) {
                finished(entry);
                entry.delivered.complete(sent.message());
            } else {
                failed(entry, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
            pump();
        });
    }

    private void failed(Entry entry, Throwable error) {
        if (error instanceof RequestFailed refused && refused.code() == ErrorCode.RATE_LIMITED) {
            entry.resting = true;
            loop.schedule(() -> {
                entry.resting = false;
                pump();
            }, rateLimitRetryMillis, TimeUnit.MILLISECONDS);
        } else if (error instanceof RequestFailed refused) {
            log.debug("Message {} refused: {}", entry.message.nonce(), refused.code());
            finished(entry);
            entry.delivered.completeExceptionally(refused);
        } else {
            // Timed out or connection lost: it stays, and goes again with the same nonce.
            log.debug("Message {} not confirmed ({}); it will be sent again", entry.message.nonce(), error.toString());
        }
    }

    private void finished(Entry entry) {
        entries.remove(entry.message.nonce());
        changed();
    }

    /** The session is over: nothing waiting will be sent. */
    void failAll(ClientException error) {
        if (entries.isEmpty()) {
            return;
        }
        List<Entry> all = new ArrayList<>(entries.values());
        entries.clear();
        changed();
        all.forEach(entry -> entry.delivered.completeExceptionally(error));
    }

    private void changed() {
        List<PendingMessage> now = entries.values().stream().map(entry -> entry.message).toList();
        snapshot = now;
        changes.fire(now);
    }
}
