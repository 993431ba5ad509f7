package dev.parley.client.core.voice.jitter;

/**
 * Extends a counter that wraps at 2^32 on the wire (sequence number or timestamp) into a long that
 * keeps increasing, by taking each value as the nearest one to the highest seen so far (RFC 3550 style).
 * Starts at 2^32 so a packet reordered across the first wrap stays positive.
 * Not thread-safe: one per speaker and counter, used on the network thread.
 */
public final class SequenceUnwrapper {

    private static final long START = 1L << 32;

    private boolean started;
    private long highest;

    public long unwrap(int wireValue) {
        if (!started) {
            started = true;
            highest = START + Integer.toUnsignedLong(wireValue);
            return highest;
        }
        int delta = wireValue - (int) highest;
        long value = highest + delta;
        if (value > highest) {
            highest = value;
        }
        return value;
    }
}
