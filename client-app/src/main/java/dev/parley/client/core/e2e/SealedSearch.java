package dev.parley.client.core.e2e;

import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Searches an end-to-end encrypted channel on this client, where the room indexes no words: pages its
 * history with {@code chat.history}, newest first, opens each message with {@link SealedMessages} and keeps
 * the ones {@code matches} accepts. Bounded: it reads at most {@code newest} messages and says when it
 * stopped there. Asynchronous and never blocks: each page is asked for when the last one was read, messages
 * are opened on {@code work} (not the client's event thread), and a search that was superseded stops before
 * its next page. Stateless between searches; thread-safe.
 */
public final class SealedSearch {
    /** How many of a channel's newest messages a search reads, at most: enough for months of a club's chat. */
    public static final int NEWEST = 5_000;

    private final ControlClient client;
    private final Executor work;
    private final int newest;
    private final int pageSize;

    /** @param work where messages are opened and matched (decryption costs a little per message) */
    public SealedSearch(ControlClient client, Executor work) {
        this(client, work, NEWEST, Limits.MAX_PAGE);
    }

    /** @param newest the most messages read per search; {@code pageSize} messages per history request */
    public SealedSearch(ControlClient client, Executor work, int newest, int pageSize) {
        if (newest < 1 || pageSize < 1 || pageSize > Limits.MAX_PAGE) {
            throw new IllegalArgumentException("newest " + newest + ", page size " + pageSize);
        }
        this.client = client;
        this.work = work;
        this.newest = newest;
        this.pageSize = pageSize;
    }

    /**
     * What one channel's search found.
     *
     * @param matches        the matching messages, opened, newest first
     * @param read           how many messages were read
     * @param stoppedAtLimit older messages exist that were not read (the search reached its bound)
     * @param unopened       sealed messages read that the keys held did not open (so could not be matched)
     */
    public record Outcome(long channelId, List<ChatMessage> matches, int read, boolean stoppedAtLimit, int unopened) {
        public Outcome {
            matches = List.copyOf(matches);
        }
    }

    /**
     * Searches {@code channelId}. The future fails with the request's failure (the room refused, timed out, or
     * the connection dropped), or with a {@link CancellationException} once {@code superseded} says so.
     *
     * @param keysByEpoch the channel's keys held here, by epoch
     * @param matches     which opened messages are results
     * @param superseded  asked before each page and while reading one: true stops the search
     */
    public CompletableFuture<Outcome> search(long channelId, Map<Integer, ChannelKey> keysByEpoch,
                                             Predicate<ChatMessage> matches, BooleanSupplier superseded) {
        Scan scan = new Scan(channelId, Map.copyOf(keysByEpoch), matches, superseded);
        return next(scan, null);
    }

    private CompletableFuture<Outcome> next(Scan scan, Long beforeId) {
        if (scan.superseded.getAsBoolean()) {
            return CompletableFuture.failedFuture(new CancellationException("a newer search replaced this one"));
        }
        int ask = Math.min(pageSize, newest - scan.read);
        return client.request(new Chat.History(scan.channelId, null, beforeId, ask), Chat.Page.class)
                .thenApplyAsync(scan::take, work)
                .thenCompose(older -> older == null ? CompletableFuture.completedFuture(scan.outcome())
                        : next(scan, older));
    }

    /** One search's progress. Touched by one step at a time (each page after the last), so not shared. */
    private final class Scan {
        private final long channelId;
        private final Map<Integer, ChannelKey> keys;
        private final Predicate<ChatMessage> matches;
        private final BooleanSupplier superseded;
        private final List<ChatMessage> found = new ArrayList<>();
        private int read;
        private int unopened;
        private boolean stoppedAtLimit;

        Scan(long channelId, Map<Integer, ChannelKey> keys, Predicate<ChatMessage> matches, BooleanSupplier superseded) {
            this.channelId = channelId;
            this.keys = keys;
            this.matches = matches;
            this.superseded = superseded;
        }

        /** Reads one page (oldest first, as history sends it); the id to page on from, or null when done. */
        Long take(Chat.Page page) {
            List<ChatMessage> oldestFirst = page.messages();
            for (int i = oldestFirst.size() - 1; i >= 0; i--) {
                if (superseded.getAsBoolean()) {
                    throw new CancellationException("a newer search replaced this one");
                }
                ChatMessage message = oldestFirst.get(i);
                SealedMessages.Reading reading = SealedMessages.read(message.authorId(), message.text(), keys);
                if (reading.state().placeholder()) {
                    unopened++; // its words are unknown here: never a result, but counted so the user is told
                } else {
                    ChatMessage opened = reading.state() == SealedMessages.State.PLAIN ? message
                            : message.withText(reading.text());
                    if (matches.test(opened)) {
                        found.add(opened);
                    }
                }
            }
            read += oldestFirst.size();
            boolean older = page.hasMore() && !oldestFirst.isEmpty();
            if (older && read >= newest) {
                stoppedAtLimit = true;
                return null;
            }
            return older ? oldestFirst.get(0).id() : null;
        }

        Outcome outcome() {
            return new Outcome(channelId, found, read, stoppedAtLimit, unopened);
        }
    }
}
