package dev.parley.client.core.voice.net;

import java.time.Duration;
import java.util.Objects;

/**
 * Timers and thresholds of the {@link VoiceTransport}. Immutable.
 *
 * @param helloInterval     how often HELLO is repeated over UDP while waiting for the first echo
 * @param udpTimeout        no HELLO echo within this time after start: fall back to the tunnel
 * @param pingInterval      how often a PING measures round trip and loss (and, on UDP, the path's health)
 * @param pingTimeout       a PING whose PONG has not come back within this time counts as failed
 * @param udpProbeInterval  how often UDP is probed with HELLO while on the tunnel
 * @param sendQueueCapacity audio frames waiting for the network thread; beyond that new frames are dropped
 * @param pathWindow        how many of the latest UDP ping results the path decision looks at
 * @param failuresToLeave   leave UDP for the tunnel when at least this many of the window's pings failed
 * @param echoesToReturn    return from the tunnel after this many UDP probes in a row were echoed
 * @param silenceToLeave    leave UDP for the tunnel when nothing at all (no PONG, no voice, no echo) came over
 *                          UDP for this long while at least {@code unansweredToLeave} pings went out: a total
 *                          outage is noticed this fast, without waiting for the ping window
 * @param quietPingInterval once nothing has come over UDP for 30 % of {@code silenceToLeave}, pings go out this
 *                          often, so the silence rule rests on many unanswered pings, never on a few unlucky ones
 * @param unansweredToLeave pings sent since anything was last heard over UDP that the silence rule needs
 * @param idlePingInterval  on a calm UDP path (no voice sent or received, no failed ping in the window, every
 *                          ping answered) pings go out only this often, to keep an idle app asleep
 * @param idleAfter         how long voice must have stopped, and the path been calm, before the idle rate;
 *                          voice, a failed ping, or a ping unanswered for 30 % of {@code silenceToLeave} ends it
 */
public record TransportSettings(Duration helloInterval, Duration udpTimeout, Duration pingInterval,
                                Duration pingTimeout, Duration udpProbeInterval, int sendQueueCapacity,
                                int pathWindow, int failuresToLeave, int echoesToReturn, Duration silenceToLeave,
                                Duration quietPingInterval, int unansweredToLeave, Duration idlePingInterval,
                                Duration idleAfter) {

    /** The most pings a window may hold (the selector keeps them in fixed arrays). */
    public static final int MAX_PATH_WINDOW = 64;

    public TransportSettings {
        requirePositive(helloInterval, "helloInterval");
        requirePositive(udpTimeout, "udpTimeout");
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        requirePositive(udpProbeInterval, "udpProbeInterval");
        if (sendQueueCapacity < 1) {
            throw new IllegalArgumentException("sendQueueCapacity must be positive: " + sendQueueCapacity);
        }
        if (pathWindow < 1 || pathWindow > MAX_PATH_WINDOW) {
            throw new IllegalArgumentException("pathWindow must be 1.." + MAX_PATH_WINDOW + ": " + pathWindow);
        }
        if (failuresToLeave < 1 || failuresToLeave > pathWindow) {
            throw new IllegalArgumentException("failuresToLeave must be 1..pathWindow: " + failuresToLeave);
        }
        requirePositive(silenceToLeave, "silenceToLeave");
        requirePositive(quietPingInterval, "quietPingInterval");
        if (unansweredToLeave < 1) {
            throw new IllegalArgumentException("unansweredToLeave must be positive: " + unansweredToLeave);
        }
        requirePositive(idlePingInterval, "idlePingInterval");
        requirePositive(idleAfter, "idleAfter");
        if (echoesToReturn < 1) {
            throw new IllegalArgumentException("echoesToReturn must be positive: " + echoesToReturn);
        }
    }

    /**
     * HELLO every 200 ms, tunnel after 2 s without a first echo; on UDP a ping every 250 ms, each failed
     * after 1 s without its PONG, and the tunnel only when 9 of the last 12 (3 s) failed; from the tunnel a
     * probe every 300 ms and back to UDP after 3 echoes in a row.
     *
     * <p>Why these: at 10 % loss each way a ping fails 19 % of the time, so "9 of 12" happens by chance
     * about once in several hours (two misses in a row: every few seconds); a real outage is noticed
     * within about 3 s (9 pings plus the timeout) by the window, and a total outage within about 1 s by the
     * silence rule: nothing at all over UDP for 1 s while at least 8 pings went out (every 80 ms once UDP has
     * been quiet for 300 ms). At 10 % loss each way 8 pings in a row go unanswered with a chance of 0.19^8,
     * about 2 in a million: for someone alone in a room (pongs only) about one false switch in 40 hours, for
     * a listener hearing voice over UDP never; and a switch costs at most 100 ms of audio.
     *
     * <p>While nobody talks and the path is calm (2 s without voice, failures or slow pongs) a ping goes out
     * once a second instead: an idle app then wakes four times less often. The path rules stay the same: the
     * first ping unanswered for 300 ms brings back the quick pings, and with them the 1 s silence rule (a
     * total outage while idle is noticed within about 2 s of the last answer); a failed ping or voice in
     * either direction brings back four a second. The relay never times out a quiet session; a NAT keeps
     * a mapping refreshed once a second.
     */
    public static TransportSettings defaults() {
        return new TransportSettings(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(250),
                Duration.ofSeconds(1), Duration.ofMillis(300), 32, 12, 9, 3, Duration.ofSeconds(1),
                Duration.ofMillis(80), 8, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    public TransportSettings withUdpTimeout(Duration value) {
        return new TransportSettings(helloInterval, value, pingInterval, pingTimeout, udpProbeInterval,
                sendQueueCapacity, pathWindow, failuresToLeave, echoesToReturn, silenceToLeave, quietPingInterval,
                unansweredToLeave, idlePingInterval, idleAfter);
    }

    public TransportSettings withPingInterval(Duration value) {
        return new TransportSettings(helloInterval, udpTimeout, value, pingTimeout, udpProbeInterval,
                sendQueueCapacity, pathWindow, failuresToLeave, echoesToReturn, silenceToLeave, quietPingInterval,
                unansweredToLeave, idlePingInterval, idleAfter);
    }

    public TransportSettings withPingTimeout(Duration value) {
        return new TransportSettings(helloInterval, udpTimeout, pingInterval, value, udpProbeInterval,
                sendQueueCapacity, pathWindow, failuresToLeave, echoesToReturn, silenceToLeave, quietPingInterval,
                unansweredToLeave, idlePingInterval, idleAfter);
    }

    public TransportSettings withUdpProbeInterval(Duration value) {
        return new TransportSettings(helloInterval, udpTimeout, pingInterval, pingTimeout, value,
                sendQueueCapacity, pathWindow, failuresToLeave, echoesToReturn, silenceToLeave, quietPingInterval,
                unansweredToLeave, idlePingInterval, idleAfter);
    }

    public TransportSettings withPathDecision(int window, int failures, int echoes) {
        return new TransportSettings(helloInterval, udpTimeout, pingInterval, pingTimeout, udpProbeInterval,
                sendQueueCapacity, window, failures, echoes, silenceToLeave, quietPingInterval, unansweredToLeave,
                idlePingInterval, idleAfter);
    }

    public TransportSettings withSilenceToLeave(Duration silence, Duration quietInterval, int unanswered) {
        return new TransportSettings(helloInterval, udpTimeout, pingInterval, pingTimeout, udpProbeInterval,
                sendQueueCapacity, pathWindow, failuresToLeave, echoesToReturn, silence, quietInterval, unanswered,
                idlePingInterval, idleAfter);
    }

    public TransportSettings withIdlePing(Duration interval, Duration after) {
        return new TransportSettings(helloInterval, udpTimeout, pingInterval, pingTimeout, udpProbeInterval,
                sendQueueCapacity, pathWindow, failuresToLeave, echoesToReturn, silenceToLeave, quietPingInterval,
                unansweredToLeave, interval, after);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
