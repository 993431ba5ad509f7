package dev.parley.client.core.voice.jitter;

import java.util.Arrays;

/**
 * Estimates network jitter from packet arrival times, NetEq-lite: each packet's transit time
 * (arrival minus send timestamp) is compared with the fastest packet of the same talk spurt, and the
 * estimate is a high percentile of that extra delay over a window of recent packets: at most
 * {@code windowPackets}, and only those that arrived within {@code windowMs} of the newest, so a burst of
 * jitter is forgotten after the same time whatever the frame length (250 packets are 5 s of 20 ms frames). Comparing only
 * within a spurt keeps the estimate right when a sender's timestamps do not advance during silence.
 * Every packet counts, late ones included: a stall that made packets miss their slot must raise the
 * estimate. Comparing within a sliding window (not a whole spurt) lets it follow a drifting sender clock.
 * Not thread-safe: used under the {@link JitterBuffer}'s lock; allocation-free after construction.
 */
final class JitterEstimator {

    private static final double SAMPLES_PER_MS = 48.0;

    private final double[] transitMs;
    private final double[] arrivalMs;
    private final double windowMs;
    private final long[] spurtIds;
    private final double[] scratch;
    private final double percentile;
    private int count;
    private int head;
    private long latestSpurt;
    private boolean estimateValid;
    private double estimate;

    JitterEstimator(int windowPackets, int windowMs, double percentile) {
        this.windowMs = windowMs;
        this.arrivalMs = new double[windowPackets];
        this.transitMs = new double[windowPackets];
        this.spurtIds = new long[windowPackets];
        this.scratch = new double[windowPackets];
        this.percentile = percentile;
    }

    void record(long arrivalNanos, long timestamp, long spurtId) {
        arrivalMs[head] = arrivalNanos / 1_000_000.0;
        transitMs[head] = arrivalMs[head] - timestamp / SAMPLES_PER_MS;
        spurtIds[head] = spurtId;
        head = (head + 1) % transitMs.length;
        count = Math.min(count + 1, transitMs.length);
        latestSpurt = spurtId;
        estimateValid = false;
    }

    int samples() {
        return count;
    }

    /** How many of the newest packets arrived within the time window of the newest one (at least one). */
    private int recent() {
        if (count == 0) {
            return 0;
        }
        double newest = arrivalMs[(head - 1 + transitMs.length) % transitMs.length];
        int recent = 1;
        while (recent < count && newest - arrivalMs[(head - 1 - recent + transitMs.length) % transitMs.length] <= windowMs) {
            recent++;
        }
        return recent;
    }

    /**
     * Transit time (arrival ms minus send timestamp in ms) of the fastest packet of the latest spurt in the
     * window: the reference a playout delay is measured from. NaN without data.
     */
    double fastestTransitMs() {
        double fastest = Double.NaN;
        int recent = recent();
        for (int i = 0; i < recent; i++) {
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
        int recent = recent();
        int oldest = (head - recent + transitMs.length) % transitMs.length;
        // Spurt ids never decrease in arrival order, so each spurt is one contiguous run of the ring.
        int runStart = 0;
        while (runStart < recent) {
            long spurt = spurtIds[(oldest + runStart) % transitMs.length];
            int runEnd = runStart;
            double fastest = Double.MAX_VALUE;
            while (runEnd < recent && spurtIds[(oldest + runEnd) % transitMs.length] == spurt) {
                fastest = Math.min(fastest, transitMs[(oldest + runEnd) % transitMs.length]);
                runEnd++;
            }
            for (int i = runStart; i < runEnd; i++) {
                scratch[i] = transitMs[(oldest + i) % transitMs.length] - fastest;
            }
            runStart = runEnd;
        }
        Arrays.sort(scratch, 0, recent);
        int index = (int) Math.ceil(percentile * recent) - 1;
        estimate = scratch[Math.max(0, Math.min(recent - 1, index))];
        estimateValid = true;
        return estimate;
    }
}
