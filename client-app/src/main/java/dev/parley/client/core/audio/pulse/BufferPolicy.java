package dev.parley.client.core.audio.pulse;

/**
 * How large a playback stream's buffer should be, from what the server reported: start small (the device
 * part of mouth-to-ear is mostly this buffer), grow at once when the stream runs dry (each underrun is an
 * audible gap, and one usually means more are coming: a busy machine, a slow scheduler), shrink one step at
 * a time after a calm period, and only while the audio going out is quiet, so the step is not heard. Pure:
 * no I/O, no clock of its own.
 *
 * <p>Growth is faster when underruns come close together (a second one within {@link #BURST_NANOS} grows
 * by two steps), because under load the first step is rarely enough and every wrong guess costs a gap. The
 * calm period doubles with every underrun (up to {@link #MAX_CALM_DOUBLINGS} times): a machine that made the
 * stream run dry once will likely do it again, so it is trusted with a small buffer more slowly each time.
 *
 * <p>Threading: one thread (the playback thread).
 */
final class BufferPolicy {

    static final int STEP_MILLIS = 10;
    static final long BURST_NANOS = 2_000_000_000L;
    /**
     * Underruns this close to the previous one are the same episode (one stall of the playback thread makes the
     * stream run dry, play the chunk that trickles in, and run dry again): they count, but grow the buffer and
     * lengthen the calm period only once. Seen: 4 underruns in 90 ms at start-up took the buffer from 40 to 110 ms.
     */
    static final long EPISODE_NANOS = 300_000_000L;
    static final int MAX_CALM_DOUBLINGS = 4;

    private final int minMillis;
    private final int maxMillis;
    private final long calmNanos;
    private int targetMillis;
    private long lastUnderrunNanos;
    private long calmSinceNanos;
    private boolean started;
    private int underruns;

    /**
     * @param startMillis where to begin (usually {@code minMillis})
     * @param minMillis   the smallest buffer it shrinks back to
     * @param maxMillis   the largest it grows to
     * @param calmNanos   how long without an underrun before one step down, before any underrun
     */
    BufferPolicy(int startMillis, int minMillis, int maxMillis, long calmNanos) {
        if (minMillis < STEP_MILLIS || maxMillis < minMillis || startMillis < minMillis || startMillis > maxMillis
                || calmNanos <= 0) {
            throw new IllegalArgumentException("bad buffer bounds: start " + startMillis + ", min " + minMillis
                    + ", max " + maxMillis + ", calm " + calmNanos + " ns");
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.calmNanos = calmNanos;
        this.targetMillis = startMillis;
    }

    /** How long the stream must go without an underrun before the next step down. */
    long calmNanos() {
        return calmNanos << Math.min(underruns, MAX_CALM_DOUBLINGS);
    }

    /** The buffer the stream should have now. */
    int targetMillis() {
        return targetMillis;
    }

    /**
     * The server said the stream ran dry at {@code nowNanos}. Returns whether the target changed. Note an episode
     * (see {@link #EPISODE_NANOS}) extends while underruns keep coming within that distance of each other.
     */
    boolean underrun(long nowNanos) {
        boolean sameEpisode = underruns > 0 && nowNanos - lastUnderrunNanos < EPISODE_NANOS;
        boolean burst = started && nowNanos - lastUnderrunNanos < BURST_NANOS;
        started = true;
        lastUnderrunNanos = nowNanos;
        calmSinceNanos = nowNanos;
        if (sameEpisode) {
            return false;
        }
        underruns++;
        int next = Math.min(maxMillis, targetMillis + (burst ? 2 : 1) * STEP_MILLIS);
        boolean changed = next != targetMillis;
        targetMillis = next;
        return changed;
    }

    /**
     * A chunk is about to be played; {@code quiet} says whether it is (near) silence. Returns whether the
     * target shrank now.
     */
    boolean tick(long nowNanos, boolean quiet) {
        if (!started) {
            started = true;
            lastUnderrunNanos = nowNanos - BURST_NANOS;
            calmSinceNanos = nowNanos;
            return false;
        }
        if (targetMillis <= minMillis || nowNanos - calmSinceNanos < calmNanos() || !quiet) {
            return false;
        }
        targetMillis = Math.max(minMillis, targetMillis - STEP_MILLIS);
        calmSinceNanos = nowNanos;
        return true;
    }
}
