package dev.parley.bench.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Send times of the chat messages of one run, by message index (the nonce {@code m<index>}), and the
 * range of indexes whose delivery delay is recorded. Thread-safe.
 */
final class ChatClock {
    private final AtomicLongArray sentAt;
    private volatile int measuredFrom;
    private volatile int measuredTo;
    private volatile int flowFrom = Integer.MAX_VALUE;
    private volatile int flowTo = Integer.MAX_VALUE;

    ChatClock(int messages) {
        sentAt = new AtomicLongArray(messages);
    }

    void sent(int index, long nanos) {
        sentAt.set(index, nanos);
    }

    long sentAt(int index) {
        return sentAt.get(index);
    }

    void measure(int fromInclusive, int toExclusive) {
        measuredFrom = fromInclusive;
        measuredTo = toExclusive;
    }

    /** Messages in this range take part in senders' flow control. */
    void flowControl(int fromInclusive, int toExclusive) {
        flowFrom = fromInclusive;
        flowTo = toExclusive;
    }

    boolean flowControlled(int index) {
        return index >= flowFrom && index < flowTo;
    }

    boolean measured(int index) {
        return index >= measuredFrom && index < measuredTo;
    }
}
