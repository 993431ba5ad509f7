package dev.parley.server.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The room-wide bound on bytes waiting to be read by peers: each connection reports what it has
 * queued whenever it is measured (on every send and at each connection sweep), and the total is
 * checked before new work is taken on. Thread-safe.
 */
final class OutboundBudget {
    private final long maxBytes;
    private final Map<ClientConnection, Long> queued = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    OutboundBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A quarter of the heap, at most 256 MiB: what all peers together may have waiting. */
    static long forHeap(long maxHeapBytes) {
        return Math.min(256L * 1024 * 1024, Math.max(8L * 1024 * 1024, maxHeapBytes / 4));
    }

    void update(ClientConnection connection, long bytes) {
        Long previous = queued.put(connection, bytes);
        total.addAndGet(bytes - (previous == null ? 0 : previous));
    }

    void forget(ClientConnection connection) {
        Long previous = queued.remove(connection);
        if (previous != null) {
            total.addAndGet(-previous);
        }
    }

    boolean exceeded() {
        return total.get() > maxBytes;
    }

    long total() {
        return total.get();
    }
}
