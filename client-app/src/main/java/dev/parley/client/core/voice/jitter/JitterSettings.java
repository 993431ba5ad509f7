package dev.parley.client.core.voice.jitter;

/**
 * Tuning of the adaptive jitter buffer.
 *
 * @param initialDelayMs    how long the first packet of a talk spurt waits before it plays (one 20 ms frame);
 *                          from then on the playout delay follows the target by time-stretching
 * @param minDelayMs        the target never goes below this
 * @param maxDelayMs        the target never goes above this (bounded by the buffer's capacity)
 * @param percentile        share of packets (0..1) the target delay should have arrived in time for
 * @param windowPackets     how many recent packets the jitter estimate looks at, at most
 * @param windowMs          and of those only the ones that arrived within this long of the newest: how long a
 *                          burst of jitter is remembered, whatever the frame length
 * @param headroomMs        added to the measured jitter percentile: scheduling noise the window may not show
 * @param shrinkMsPerSecond the most the target may fall per second of playout (growth is immediate; a spike that
 *                          is over, see {@code JitterEstimator}, is released at once)
 * @param spurtGapMs        with nothing buffered for this long, a spurt whose end marker got lost is over;
 *                          shorter gaps are concealed, so an open microphone never "ends" on a short gap
 */
public record JitterSettings(
        int initialDelayMs, int minDelayMs, int maxDelayMs, double percentile, int windowPackets, int windowMs,
        int headroomMs, int shrinkMsPerSecond, int spurtGapMs) {

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
        if (windowMs < 200 || windowMs > 60_000) {
            throw new IllegalArgumentException("windowMs must be in [200, 60000]: " + windowMs);
        }
        if (headroomMs < 0 || headroomMs > 100) {
            throw new IllegalArgumentException("headroomMs must be in [0, 100]: " + headroomMs);
        }
        if (shrinkMsPerSecond < 0) {
            throw new IllegalArgumentException("shrinkMsPerSecond must not be negative: " + shrinkMsPerSecond);
        }
        if (spurtGapMs < 20 || spurtGapMs > 5_000) {
            throw new IllegalArgumentException("spurtGapMs must be in [20, 5000]: " + spurtGapMs);
        }
    }

    /**
     * Start a spurt after 20 ms; target = 97th percentile of the extra delay of the packets of the last 2.5 s
     * (at most 250) + 5 ms, within 0..500 ms, falling by at most 60 ms per second once a spike has left the
     * window (so a 100 ms burst is forgotten about 4 s after it ended); a spurt without its end marker ends
     * after 500 ms with nothing to play (longer than the sender's 300 ms voice-activation hangover).
     */
    public static JitterSettings defaults() {
        return new JitterSettings(20, 0, 500, 0.97, 250, 2_500, 5, 60, 500);
    }
}
