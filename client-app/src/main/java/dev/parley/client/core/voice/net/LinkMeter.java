package dev.parley.client.core.voice.net;

import dev.parley.protocol.voice.VoicePong;
import java.util.HashMap;
import java.util.Map;

/**
 * Round trip, loss both ways and audio jitter, from PONGs and audio arrivals. Written by the transport's
 * network thread only; the volatile results may be read from any thread.
 */
final class LinkMeter {

    private static final double RTT_GAIN = 1.0 / 8;
    private static final double JITTER_GAIN = 1.0 / 16;
    private static final long SAMPLES_PER_SECOND = 48_000;
    /** An arrival gap this far off the timestamp gap is a new talk spurt, not jitter. */
    private static final long SPURT_GAP_SAMPLES = SAMPLES_PER_SECOND / 2;

    private long previousHighest = -1;
    private long previousRelayReceived;
    private long previousRelaySent;
    private long previousWeReceived;
    /** UDP probes sent from the tunnel since the last PONG; their loss is the blocked path's, not the link's. */
    private long probesSinceLastPong;
    private final Map<Integer, long[]> arrivals = new HashMap<>();

    private volatile double rttMs = -1;
    private volatile double upstreamLossPercent;
    private volatile double downstreamLossPercent;
    private volatile double jitterMs;

    /**
     * @param pongCounter     the counter in the PONG's header: how many datagrams the relay sent us before it
     * @param weReceived      authentic datagrams we received under this key, the PONG included
     */
    void onPong(VoicePong pong, long pongCounter, long weReceived, long nowNanos) {
        double rtt = (nowNanos - pong.clientSendNanos()) / 1e6;
        if (rtt >= 0) {
            rttMs = rttMs < 0 ? rtt : rttMs + RTT_GAIN * (rtt - rttMs);
        }
        long sentUp = pong.highestCounter() - previousHighest;
        long gotUp = pong.packetsReceived() - previousRelayReceived;
        if (sentUp > 0) {
            upstreamLossPercent = percentLost(Math.max(1, sentUp - probesSinceLastPong), gotUp);
            probesSinceLastPong = 0;
            previousHighest = pong.highestCounter();
            previousRelayReceived = pong.packetsReceived();
        }
        long relaySent = pongCounter + 1;
        long sentDown = relaySent - previousRelaySent;
        long gotDown = weReceived - previousWeReceived;
        if (sentDown > 0) {
            downstreamLossPercent = percentLost(sentDown, gotDown);
            previousRelaySent = relaySent;
            previousWeReceived = weReceived;
        }
    }

    /** A HELLO went out over UDP while on the tunnel. */
    void probeSent() {
        probesSinceLastPong++;
    }

    /** RFC 3550 interarrival jitter per speaker; the largest is reported. */
    void onAudio(int speaker, int timestamp, boolean endOfTalk, long nowNanos) {
        long arrivalSamples = nowNanos * SAMPLES_PER_SECOND / 1_000_000_000L;
        long[] state = arrivals.get(speaker);
        if (state == null) {
            if (arrivals.size() >= 64) {
                arrivals.clear();
            }
            state = new long[] {arrivalSamples, timestamp, 0, 1};
            arrivals.put(speaker, state);
        } else {
            long d = (arrivalSamples - state[0]) - (timestamp - (int) state[1]);
            if (state[3] == 0 && Math.abs(d) < SPURT_GAP_SAMPLES) {
                state[2] += (long) (JITTER_GAIN * (Math.abs(d) * 1000 - state[2]));
            }
            state[0] = arrivalSamples;
            state[1] = timestamp;
        }
        // After an end of talk the next gap is silence, not jitter.
        state[3] = endOfTalk ? 1 : 0;
        long largest = 0;
        for (long[] s : arrivals.values()) {
            largest = Math.max(largest, s[2]);
        }
        jitterMs = largest / 1000.0 * 1000 / SAMPLES_PER_SECOND;
    }

    double rttMs() {
        return rttMs;
    }

    double upstreamLossPercent() {
        return upstreamLossPercent;
    }

    double downstreamLossPercent() {
        return downstreamLossPercent;
    }

    double jitterMs() {
        return jitterMs;
    }

    private static double percentLost(long sent, long got) {
        return Math.max(0, Math.min(100, 100.0 * (sent - got) / sent));
    }
}
