package dev.parley.client.core.voice.jitter;

import java.util.Arrays;

/**
 * Estimates network jitter from packet arrival times, NetEq-lite: each packet's transit time
 * (arrival minus send timestamp) is compared with the fastest packet of the same talk spurt, and the
 * estimate is a high percentile of that extra delay over a window of recent packets. Comparing only
 * within a spurt keeps the estimate right when a sender's timestamps do not advance during silence.
 * Not thread-safe: used under the {@link JitterBuffer}'s lock.
 */
final class JitterEstimator {

    private static final double SAMPLES_PER_MS = 48.0;

    private final double[] transitMs;
    private final long[] spurtIds;
    private final double[] scratch;
    private final double percentile;
    private int count;
    private int head;

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
    }

    int samples() {
        return count;
    }

    /** The configured percentile of each packet's delay beyond its spurt's fastest packet, in ms; 0 without data. */
    double estimateMs() {
        if (count == 0) {
            return 0;
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
        return scratch[Math.max(0, Math.min(count - 1, index))];
    }
}
