package dev.parley.client.core.voice.net;

import dev.parley.protocol.voice.VoicePong;
import java.util.HashMap;
import java.util.Map;

/**
 * Round trip, loss both ways and audio jitter, from PONGs and audio arrivals, over a sliding window of
 * the last {@value #WINDOW_SECONDS} s and over the whole run. Written by the transport's network thread
 * only, which also publishes the figures ({@link #publish}); {@link #window()} and {@link #total()} may
 * be read from any thread.
 */
final class LinkMeter {

    static final int WINDOW_SECONDS = 10;

    private static final long SAMPLES_PER_SECOND = 48_000;
    /** An arrival gap this far off the timestamp gap is a new talk spurt, not jitter. */
    private static final long SPURT_GAP_SAMPLES = SAMPLES_PER_SECOND / 2;
    private static final long PUBLISH_INTERVAL_NANOS = 250_000_000L;

    private static final int UP_SENT = 0;
    private static final int UP_GOT = 1;
    private static final int DOWN_SENT = 2;
    private static final int DOWN_GOT = 3;
    private static final int RTT_MICROS = 4;
    private static final int RTT_COUNT = 5;
    private static final int JITTER_MICROS = 6;
    private static final int JITTER_COUNT = 7;

    private final SlidingSums sums = new SlidingSums(WINDOW_SECONDS, 8);
    private long previousHighest = -1;
    private long previousRelayReceived;
    private long previousRelaySent;
    private long previousWeReceived;
    /** UDP probes sent from the tunnel since the last PONG; their loss is the blocked path's, not the link's. */
    private long probesSinceLastPong;
    /** Per speaker: last arrival (samples), last timestamp, after-end-of-talk flag. */
    private final Map<Integer, long[]> arrivals = new HashMap<>();
    private long nextPublishNanos = Long.MIN_VALUE;

    private volatile LinkFigures window = LinkFigures.NONE;
    private volatile LinkFigures total = LinkFigures.NONE;

    /**
     * @param pongCounter the counter in the PONG's header: how many datagrams the relay sent us before it
     * @param weReceived  authentic datagrams we received under this key, the PONG included
     */
    void onPong(VoicePong pong, long pongCounter, long weReceived, long nowNanos) {
        long rttNanos = nowNanos - pong.clientSendNanos();
        if (rttNanos >= 0) {
            sums.add(nowNanos, RTT_MICROS, rttNanos / 1_000);
            sums.add(nowNanos, RTT_COUNT, 1);
        }
        long sentUp = pong.highestCounter() - previousHighest;
        if (sentUp > 0) {
            long gotUp = pong.packetsReceived() - previousRelayReceived;
            long counted = Math.max(gotUp, sentUp - probesSinceLastPong);
            sums.add(nowNanos, UP_SENT, counted);
            sums.add(nowNanos, UP_GOT, Math.min(gotUp, counted));
            probesSinceLastPong = 0;
            previousHighest = pong.highestCounter();
            previousRelayReceived = pong.packetsReceived();
        }
        long relaySent = pongCounter + 1;
        long sentDown = relaySent - previousRelaySent;
        if (sentDown > 0) {
            long gotDown = weReceived - previousWeReceived;
            sums.add(nowNanos, DOWN_SENT, sentDown);
            sums.add(nowNanos, DOWN_GOT, Math.min(gotDown, sentDown));
            previousRelaySent = relaySent;
            previousWeReceived = weReceived;
        }
        publish(nowNanos, true);
    }

    /** A HELLO went out over UDP while on the tunnel. */
    void probeSent() {
        probesSinceLastPong++;
    }

    /** |D| of RFC 3550 (arrival gap minus timestamp gap), per speaker, within talk spurts. */
    void onAudio(int speaker, int timestamp, boolean endOfTalk, long nowNanos) {
        long arrivalSamples = nowNanos * SAMPLES_PER_SECOND / 1_000_000_000L;
        long[] state = arrivals.get(speaker);
        if (state == null) {
            if (arrivals.size() >= 64) {
                arrivals.clear();
            }
            arrivals.put(speaker, new long[] {arrivalSamples, timestamp, endOfTalk ? 1 : 0});
            return;
        }
        long d = Math.abs((arrivalSamples - state[0]) - (timestamp - (int) state[1]));
        if (state[2] == 0 && d < SPURT_GAP_SAMPLES) {
            sums.add(nowNanos, JITTER_MICROS, d * 1_000_000 / SAMPLES_PER_SECOND);
            sums.add(nowNanos, JITTER_COUNT, 1);
        }
        state[0] = arrivalSamples;
        state[1] = timestamp;
        // After an end of talk the next gap is silence, not jitter.
        state[2] = endOfTalk ? 1 : 0;
    }

    /** Recomputes the published figures (at most every 250 ms unless forced); network thread. */
    void publish(long nowNanos, boolean force) {
        if (!force && nowNanos - nextPublishNanos < 0) {
            return;
        }
        nextPublishNanos = nowNanos + PUBLISH_INTERVAL_NANOS;
        window = new LinkFigures(mean(sums.window(nowNanos, RTT_MICROS), sums.window(nowNanos, RTT_COUNT), -1),
                lossPercent(sums.window(nowNanos, UP_SENT), sums.window(nowNanos, UP_GOT)),
                lossPercent(sums.window(nowNanos, DOWN_SENT), sums.window(nowNanos, DOWN_GOT)),
                mean(sums.window(nowNanos, JITTER_MICROS), sums.window(nowNanos, JITTER_COUNT), 0),
                sums.window(nowNanos, RTT_COUNT));
        total = new LinkFigures(mean(sums.total(RTT_MICROS), sums.total(RTT_COUNT), -1),
                lossPercent(sums.total(UP_SENT), sums.total(UP_GOT)),
                lossPercent(sums.total(DOWN_SENT), sums.total(DOWN_GOT)),
                mean(sums.total(JITTER_MICROS), sums.total(JITTER_COUNT), 0),
                sums.total(RTT_COUNT));
    }

    /** The last {@value #WINDOW_SECONDS} s, as last published. Any thread. */
    LinkFigures window() {
        return window;
    }

    /** The whole run, as last published. Any thread. */
    LinkFigures total() {
        return total;
    }

    private static double mean(long sumMicros, long count, double none) {
        return count == 0 ? none : sumMicros / 1000.0 / count;
    }

    private static double lossPercent(long sent, long got) {
        return sent <= 0 ? 0 : Math.max(0, Math.min(100, 100.0 * (sent - got) / sent));
    }
}
