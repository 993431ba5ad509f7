package dev.parley.client.core.voice.jitter;

/**
 * Tuning of the adaptive jitter buffer.
 *
 * @param initialDelayMs     playout delay before any jitter has been measured
 * @param minDelayMs         the target never goes below this
 * @param maxDelayMs         the target never goes above this (bounded by the buffer's capacity)
 * @param percentile         share of packets (0..1) the target delay should have arrived in time for
 * @param windowPackets      how many recent packets the jitter estimate looks at
 * @param shrinkStepMs       the most the target may shrink at one talk-spurt start (growth is immediate)
 * @param missingFramesToEnd consecutive missing frames, with nothing newer buffered, that end a talk spurt
 */
public record JitterSettings(
        int initialDelayMs, int minDelayMs, int maxDelayMs, double percentile, int windowPackets,
        int shrinkStepMs, int missingFramesToEnd) {

    /** Largest useful delay: the buffer holds 64 frames, 640 ms of 10 ms frames. */
    public static final int MAX_DELAY_LIMIT_MS = 600;

    public JitterSettings {
        if (minDelayMs < 0 || minDelayMs > maxDelayMs || maxDelayMs > MAX_DELAY_LIMIT_MS) {
            throw new IllegalArgumentException("need 0 <= minDelayMs <= maxDelayMs <= " + MAX_DELAY_LIMIT_MS
                    + ", got " + minDelayMs + ", " + maxDelayMs);
        }
        if (initialDelayMs < minDelayMs || initialDelayMs > maxDelayMs) {
            throw new IllegalArgumentException("initialDelayMs must lie within [minDelayMs, maxDelayMs]: "
                    + initialDelayMs);
        }
        if (!(percentile > 0 && percentile <= 1)) {
            throw new IllegalArgumentException("percentile must be in (0, 1]: " + percentile);
        }
        if (windowPackets < 10 || windowPackets > 10_000) {
            throw new IllegalArgumentException("windowPackets must be in [10, 10000]: " + windowPackets);
        }
        if (shrinkStepMs < 0) {
            throw new IllegalArgumentException("shrinkStepMs must not be negative: " + shrinkStepMs);
        }
        if (missingFramesToEnd < 1) {
            throw new IllegalArgumentException("missingFramesToEnd must be at least 1: " + missingFramesToEnd);
        }
    }

    /**
     * 40 ms to start, 20..500 ms, 97th percentile of the last 250 packets (5 s of 20 ms frames),
     * shrink by at most 10 ms per talk spurt, end a spurt after 3 missing frames.
     */
    public static JitterSettings defaults() {
        return new JitterSettings(40, 20, 500, 0.97, 250, 10, 3);
    }
}
