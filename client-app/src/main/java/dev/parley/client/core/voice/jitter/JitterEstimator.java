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
 * <p>
 * <b>A spike that is over is released.</b> A stream that was late once and then on time again (a sender's capture
 * chain that fell behind at the start of a call with a cold JIT and then sent its backlog in a burst; a network
 * hiccup) would otherwise keep its peak in the window for 2.5 s and then shrink at the buffer's slow rate: 200 ms
 * of extra delay for 5–7 s, measured at the start of every call. So when the newest {@link #CALM_MS} of the
 * latest spurt were calm (their transit times within a third of the estimate, and 25 ms, of each other) while the
 * estimate is at least {@link #RELEASE_MIN_MS}, and before that run lies one spike: packets later than the run,
 * at least 90 % of them in a row late, over at most {@link #SPIKE_MAX_MS}, begun after an on-time stretch or at
 * the spurt's start; then the packets before the run are forgotten at once ({@link #releases()} counts it). A burst
 * of real jitter is neither calm nor a spike: 0–80 ms of uniform jitter puts a packet more than 25 ms away from
 * the others every few packets, so 50 calm packets in a row do not happen while it lasts, and a third of its
 * packets are on time, so once it is over it shrinks at the usual pace. Recurring spikes must stay covered, so
 * after a release the next one is allowed only {@link #PEAK_MEMORY_MS} later: a second spike within that time is
 * held for the whole window, as before.
 * Not thread-safe: used under the {@link JitterBuffer}'s lock; allocation-free after construction.
 */
final class JitterEstimator {

    private static final double SAMPLES_PER_MS = 48.0;
    /** How long a stream must have been on time since a spike before the spike is forgotten. */
    static final int CALM_MS = 1_000;
    /**
     * Estimates below this are left to the normal shrinking. Not higher: the normal shrinking only starts once the
     * spike has left the 2.5 s window, and a cold start's 20-30 ms lag (the first 300 ms of a call, a JIT still
     * compiling the sender's or the relay's path) then added that much to every word of the call's first 2.5 s.
     */
    static final int RELEASE_MIN_MS = 15;
    /**
     * Late packets spread over longer than this are a burst of jitter, not a spike: it shrinks at the buffer's
     * usual pace. A cold sender caught up within 1.25–2 s in the traces (its lag fell from 245 ms to 29 ms in one,
     * rose twice to 220 and 198 ms in another).
     */
    static final int SPIKE_MAX_MS = 2_000;
    /** The calm run's transit times lie within a third of the estimate and within this of each other. */
    static final int CALM_SPREAD_MAX_MS = 25;
    /** On-time packets a spike must follow (unless its spurt's first packet is still held): it began in sight. */
    static final int ON_TIME_BEFORE_MS = 200;
    /** After a release, the next one waits this long: spikes that recur are the network's nature and stay covered. */
    static final int PEAK_MEMORY_MS = 10_000;

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
    /** Packets that arrived before this (ms) belong to a released spike and are ignored. */
    private double releasedBeforeMs = Double.NEGATIVE_INFINITY;
    private double lastReleaseMs = Double.NEGATIVE_INFINITY;
    private long releases;

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
        releaseSpikeIfOver();
    }

    /** How many spikes were released so far (see the class comment). */
    long releases() {
        return releases;
    }

    /**
     * Forgets the packets before the newest calm run (see the class comment) if that run is at least
     * {@link #CALM_MS} long, the packets before it hold a spike no longer than {@link #SPIKE_MAX_MS}, the estimate
     * with them is at least {@link #RELEASE_MIN_MS}, and no spike was released in the last {@link #PEAK_MEMORY_MS}.
     */
    private void releaseSpikeIfOver() {
        double newest = arrivalMs[(head - 1 + transitMs.length) % transitMs.length];
        if (newest - lastReleaseMs < PEAK_MEMORY_MS) {
            return;
        }
        double spike = estimateMs();
        if (spike < RELEASE_MIN_MS) {
            return;
        }
        double bound = Math.min(spike / 3, CALM_SPREAD_MAX_MS);
        int recent = recent();
        // The calm run: the newest packets of the latest spurt whose transit times lie within `bound` of each other.
        double runMin = Double.MAX_VALUE;
        double runMax = -Double.MAX_VALUE;
        int calm = 0;
        while (calm < recent) {
            int index = (head - 1 - calm + transitMs.length) % transitMs.length;
            double transit = transitMs[index];
            if (spurtIds[index] != latestSpurt || Math.max(runMax, transit) - Math.min(runMin, transit) > bound) {
                break;
            }
            runMin = Math.min(runMin, transit);
            runMax = Math.max(runMax, transit);
            calm++;
        }
        if (calm == 0 || calm == recent) {
            return;
        }
        double calmSince = arrivalMs[(head - calm + transitMs.length) % transitMs.length];
        if (newest - calmSince < CALM_MS) {
            return;
        }
        // The spike: the packets of this spurt before the run that came later than the run by more than `bound`,
        // followed back through everything still held (not only the time window) to where it began: an on-time
        // stretch of ON_TIME_BEFORE_MS, or the spurt's (or the stream's) first packet. Almost all of it must be late
        // (a lag, not jitter, where on-time packets come between the late ones), and not longer than SPIKE_MAX_MS.
        double firstLate = Double.NaN;
        double lastLate = Double.NaN;
        int late = 0;
        int onTimeInside = 0;
        int onTimeSinceLate = 0;
        boolean begun = false;
        for (int i = calm; ; i++) {
            if (i == count) {
                begun = count < transitMs.length; // the stream's first packet is still held
                break;
            }
            int index = (head - 1 - i + transitMs.length) % transitMs.length;
            if (spurtIds[index] != latestSpurt) {
                begun = true;
                break;
            }
            if (arrivalMs[index] < releasedBeforeMs) {
                break;
            }
            if (transitMs[index] - runMin > bound) {
                if (Double.isNaN(lastLate)) {
                    lastLate = arrivalMs[index];
                }
                firstLate = arrivalMs[index];
                late++;
                onTimeInside += onTimeSinceLate;
                onTimeSinceLate = 0;
            } else if (!Double.isNaN(firstLate)) {
                onTimeSinceLate++;
                if (firstLate - arrivalMs[index] >= ON_TIME_BEFORE_MS) {
                    begun = true;
                    break;
                }
            }
        }
        if (Double.isNaN(firstLate) || !begun || lastLate - firstLate > SPIKE_MAX_MS
                || onTimeInside * 10 > late + onTimeInside) {
            return; // no late packets (the delay stepped up), a long or jittery disturbance, or one begun out of sight
        }
        releasedBeforeMs = calmSince;
        lastReleaseMs = newest;
        releases++;
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
        while (recent < count) {
            double arrival = arrivalMs[(head - 1 - recent + transitMs.length) % transitMs.length];
            if (newest - arrival > windowMs || arrival < releasedBeforeMs) {
                break;
            }
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
