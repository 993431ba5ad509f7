package dev.parley.client.core.voice.jitter;

import java.util.Arrays;

/**
 * Estimates network jitter from packet arrival times, NetEq-lite: each packet's transit time
 * (arrival minus send timestamp) is compared with the fastest packet of the same talk spurt, and the
 * estimate is a high percentile of that extra delay over a window of recent packets. Comparing only
 * within a spurt keeps the estimate right when a sender's timestamps do not advance during silence.
 * Every packet counts, late ones included: a stall that made packets miss their slot must raise the
 * estimate. Comparing within a sliding window (not a whole spurt) lets it follow a drifting sender clock.
 * Not thread-safe: used under the {@link JitterBuffer}'s lock; allocation-free after construction.
 */
final class JitterEstimator {

    private static final double SAMPLES_PER_MS = 48.0;

    private final double[] transitMs;
    private final long[] spurtIds;
    private final double[] scratch;
    private final double percentile;
    private int count;
    private int head;
    private long latestSpurt;
    private boolean estimateValid;
    private double estimate;

    JitterEstimator(int windowPackets, double percentile) {
        this.transitMs = new double[windowPackets];
        this.spurtIds = new long[windowPackets];
        this.scratch = new double[windowPackets];
        this.percentile = percentile;
    }

    void record(long arrivalNanos, long timestamp, long spurtId) {
        transitMs[head] = arrivalNanos / 1_000_000.0 - timestamp / SAMPLES_PER_MS;
        spurtIds[head] = spurtId;
        head = (head + 1) % transitMs.length;
        count = Math.min(count + 1, transitMs.length);
        latestSpurt = spurtId;
        estimateValid = false;
    }

    int samples() {
        return count;
    }

    /**
     * Transit time (arrival ms minus send timestamp in ms) of the fastest packet of the latest spurt in the
     * window: the reference a playout delay is measured from. NaN without data.
     */
    double fastestTransitMs() {
        double fastest = Double.NaN;
        for (int i = 0; i < count; i++) {
            int index = (head - 1 - i + transitMs.length) % transitMs.length;
            if (spurtIds[index] != latestSpurt) {
                break;
            }
            if (!(transitMs[index] >= fastest)) {
                fastest = transitMs[index];
            }
        }
        return fastest;
    }

    /** The configured percentile of each packet's delay beyond its spurt's fastest packet, in ms; 0 without data. */
    double estimateMs() {
        if (count == 0) {
            return 0;
        }
        if (estimateValid) {
            return estimate;
        }
        int oldest = (head - count + transitMs.length) % transitMs.length;
        // Spurt ids never decrease in arrival order, so each spurt is one contiguous run of the ring.
        int runStart = 0;
        while (runStart < count) {
            long spurt = spurtIds[(oldest + runStart) % transitMs.length];
            int runEnd = runStart;
            double fastest = Double.MAX_VALUE;
            while (runEnd < count && spurtIds[(oldest + runEnd) % transitMs.length] == spurt) {
                fastest = Math.min(fastest, transitMs[(oldest + runEnd) % transitMs.length]);
                runEnd++;
            }
            for (int i = runStart; i < runEnd; i++) {
                scratch[i] = transitMs[(oldest + i) % transitMs.length] - fastest;
            }
            runStart = runEnd;
        }
        Arrays.sort(scratch, 0, count);
        int index = (int) Math.ceil(percentile * count) - 1;
        estimate = scratch[Math.max(0, Math.min(count - 1, index))];
        estimateValid = true;
        return estimate;
    }
}
