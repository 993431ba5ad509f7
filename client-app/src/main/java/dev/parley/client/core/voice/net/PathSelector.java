package dev.parley.client.core.voice.net;

import java.util.Arrays;
import java.util.Objects;

/**
 * Decides the voice path from time and answers alone, and says what to send when. No sockets, so path
 * switching is testable with a fake clock. Confined to the transport's network thread; no allocation.
 *
 * <ul>
 *   <li>PROBING: HELLO over UDP every {@code helloInterval} until the relay echoes one (UDP), or the
 *       tunnel after {@code udpTimeout}.</li>
 *   <li>UDP: a PING every {@code pingInterval}; each counts as failed when its PONG is not back within
 *       {@code pingTimeout}. The tunnel is chosen only when at least {@code failuresToLeave} of the last
 *       {@code pathWindow} results failed: a few lost pings on a lossy link never move voice. A total outage
 *       is noticed sooner by silence: nothing at all heard over UDP ({@link #udpHeard}: PONG, voice, echo) for
 *       {@code silenceToLeave} while at least {@code unansweredToLeave} pings went out; once UDP has been
 *       quiet for 30 % of that time, pings go out every {@code quietPingInterval} to make sure.</li>
 *   <li>UDP while idle: once no voice went either way for {@code idleAfter}, the window holds no failure,
 *       every ping was answered and the path has been calm that long, a PING only every
 *       {@code idlePingInterval}. Voice, a failed ping, or a ping unanswered for 30 % of
 *       {@code silenceToLeave} ends it at once, so every rule above runs at its usual pace when it matters.</li>
 *   <li>TUNNEL: PINGs go through the tunnel; a HELLO probes UDP every {@code udpProbeInterval}; after
 *       {@code echoesToReturn} probes in a row were echoed, back to UDP.</li>
 * </ul>
 * On every switch a PING goes out at once on the new path: the relay answers a session on the path its
 * latest audio or ping came by, so a listener who sends no audio moves its downstream with that ping.
 */
final class PathSelector {

    /** Send a HELLO over UDP now, with {@link #helloNonce()}. */
    static final int SEND_HELLO_UDP = 1;
    /** Send a PING on the current path now, with {@link #pingSequence()}. */
    static final int SEND_PING = 2;

    private final long helloIntervalNanos;
    private final long udpTimeoutNanos;
    private final long pingIntervalNanos;
    private final long pingTimeoutNanos;
    private final long probeIntervalNanos;
    private final int failuresToLeave;
    private final int echoesToReturn;
    private final long silenceToLeaveNanos;
    private final long quietAfterNanos;
    private final long quietPingIntervalNanos;
    private final int unansweredToLeave;
    private final long idlePingIntervalNanos;
    private final long idleAfterNanos;
    private final long startNanos;

    /** Latest UDP ping results, oldest overwritten first; true = failed. */
    private final boolean[] results;
    private int resultCount;
    private int resultNext;
    private int failures;

    /** UDP pings waiting for their PONG (sequence, send time); slot unused when sent == Long.MIN_VALUE. */
    private final int[] outstandingSequence;
    private final long[] outstandingSent;

    private VoicePath path = VoicePath.PROBING;
    private long nextHelloNanos;
    /** On the tunnel: when the next PING is due. */
    private long nextPingNanos;
    /** On UDP: when the last PING went out, when anything last came over UDP, and the PINGs sent since. */
    private long lastUdpPingNanos;
    private long lastHeardNanos;
    private int pingsSinceHeard;
    private long nextProbeNanos;
    private int nextPingSequence;
    private long helloNonce;
    private boolean probeEchoed = true;
    private int echoStreak;
    private int switches;
    /** On UDP: pinging at the idle rate; when voice last went either way; since when the path has been calm. */
    private boolean idle;
    private long lastVoiceNanos;
    private long calmSinceNanos;

    PathSelector(TransportSettings settings, long startNanos) {
        this(settings, startNanos, startNanos);
    }

    /** @param nonceSeed first HELLO nonce; later ones count up from it */
    PathSelector(TransportSettings settings, long startNanos, long nonceSeed) {
        Objects.requireNonNull(settings, "settings");
        this.helloIntervalNanos = settings.helloInterval().toNanos();
        this.udpTimeoutNanos = settings.udpTimeout().toNanos();
        this.pingIntervalNanos = settings.pingInterval().toNanos();
        this.pingTimeoutNanos = settings.pingTimeout().toNanos();
        this.probeIntervalNanos = settings.udpProbeInterval().toNanos();
        this.failuresToLeave = settings.failuresToLeave();
        this.echoesToReturn = settings.echoesToReturn();
        this.silenceToLeaveNanos = settings.silenceToLeave().toNanos();
        this.quietAfterNanos = silenceToLeaveNanos * 3 / 10;
        this.quietPingIntervalNanos = settings.quietPingInterval().toNanos();
        this.unansweredToLeave = settings.unansweredToLeave();
        this.idlePingIntervalNanos = settings.idlePingInterval().toNanos();
        this.idleAfterNanos = settings.idleAfter().toNanos();
        this.results = new boolean[settings.pathWindow()];
        // Enough slots for every ping that can be waiting at once (timeout / interval), plus slack.
        int slots = (int) Math.min(256, pingTimeoutNanos / pingIntervalNanos + 2);
        this.outstandingSequence = new int[slots];
        this.outstandingSent = new long[slots];
        Arrays.fill(outstandingSent, Long.MIN_VALUE);
        this.startNanos = startNanos;
        this.lastVoiceNanos = startNanos;
        this.calmSinceNanos = startNanos;
        this.nextHelloNanos = startNanos;
        this.helloNonce = nonceSeed;
    }

    VoicePath path() {
        return path;
    }

    /** Path changes after the first decision (PROBING to UDP or TUNNEL is not counted). */
    int switches() {
        return switches;
    }

    /** The nonce for the HELLO to send now (also when answering a challenge, so its echo counts). */
    long helloNonce() {
        return helloNonce;
    }

    /** The sequence of the PING that {@link #tick} just asked for. */
    int pingSequence() {
        return nextPingSequence - 1;
    }

    /** Failed pings among the latest {@link #windowSize()} UDP ping results. */
    int windowFailures() {
        return failures;
    }

    int windowSize() {
        return resultCount;
    }

    /** True while pings go out at the idle rate. */
    boolean idle() {
        return idle;
    }

    /**
     * Advances the timers to {@code nowNanos}: expires unanswered pings, switches path when due, and
     * returns the {@code SEND_*} flags of what to send now.
     */
    int tick(long nowNanos) {
        int actions = 0;
        switch (path) {
            case PROBING -> {
                if (nowNanos - startNanos >= udpTimeoutNanos) {
                    actions |= fallBack(nowNanos);
                } else if (nowNanos - nextHelloNanos >= 0) {
                    nextHelloNanos = nowNanos + helloIntervalNanos;
                    helloNonce++;
                    actions |= SEND_HELLO_UDP;
                }
            }
            case UDP -> {
                expirePings(nowNanos);
                if (failures >= failuresToLeave || silentTooLong(nowNanos)) {
                    actions |= fallBack(nowNanos);
                } else {
                    updateIdle(nowNanos);
                    if (nowNanos - nextUdpPingNanos() >= 0) {
                        actions |= ping(nowNanos, true);
                    }
                }
            }
            case TUNNEL -> {
                if (nowNanos - nextPingNanos >= 0) {
                    actions |= ping(nowNanos, false);
                }
                if (nowNanos - nextProbeNanos >= 0) {
                    nextProbeNanos = nowNanos + probeIntervalNanos;
                    if (!probeEchoed) {
                        echoStreak = 0; // "in a row": an unanswered probe starts the count again
                    }
                    probeEchoed = false;
                    helloNonce++;
                    actions |= SEND_HELLO_UDP;
                }
            }
        }
        return actions;
    }

    /** A PONG arrived (over either path); only those answering UDP pings feed the window. */
    void pongReceived(int sequence, long nowNanos) {
        for (int i = 0; i < outstandingSent.length; i++) {
            if (outstandingSent[i] != Long.MIN_VALUE && outstandingSequence[i] == sequence) {
                outstandingSent[i] = Long.MIN_VALUE;
                if (path == VoicePath.UDP) {
                    record(false);
                    udpHeard(nowNanos);
                }
                return;
            }
        }
    }

    /** An authentic datagram (any kind: PONG, voice, echo, challenge) came in over UDP: the path carries data. */
    void udpHeard(long nowNanos) {
        if (nowNanos - lastHeardNanos > 0) {
            lastHeardNanos = nowNanos;
        }
        pingsSinceHeard = 0;
    }

    /** An audio frame went out or came in (either path): someone talks, so pings go at the full rate. */
    void voiceFlowed(long nowNanos) {
        lastVoiceNanos = nowNanos;
        if (idle) {
            idle = false;
            calmSinceNanos = nowNanos;
        }
    }

    /**
     * The relay echoed a HELLO over UDP: proof that UDP works both ways.
     *
     * @return true if the path changed to UDP
     */
    boolean helloEchoed(long nonce, long nowNanos) {
        switch (path) {
            case PROBING -> {
                toUdp(nowNanos);
                return true;
            }
            case TUNNEL -> {
                if (nonce != helloNonce || probeEchoed) {
                    return false; // an old probe's echo, or a second echo of this one
                }
                probeEchoed = true;
                if (++echoStreak >= echoesToReturn) {
                    switches++;
                    toUdp(nowNanos);
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** When {@link #tick} next has something to do. */
    long nextDeadline() {
        return switch (path) {
            case PROBING -> Math.min(nextHelloNanos, startNanos + udpTimeoutNanos);
            // The silence rule can fire only once enough pings went unanswered; before that the next ping
            // is the timer to wait for (waking at lastHeard + silence would spin until that ping's answer).
            case UDP -> Math.min(Math.min(nextUdpPingNanos(), oldestOutstanding() + pingTimeoutNanos),
                    pingsSinceHeard >= unansweredToLeave ? lastHeardNanos + silenceToLeaveNanos : Long.MAX_VALUE);
            case TUNNEL -> Math.min(nextPingNanos, nextProbeNanos);
        };
    }

    /**
     * The regular ping interval, or the quick one once UDP has been quiet for a while. While idle: the idle
     * interval, and for a ping still unanswered the moment it has been unanswered too long ({@link #updateIdle}
     * then returns to the quick pings).
     */
    private long nextUdpPingNanos() {
        if (idle) {
            return pingsSinceHeard == 0 ? lastUdpPingNanos + idlePingIntervalNanos : lastUdpPingNanos + quietAfterNanos;
        }
        long regular = lastUdpPingNanos + pingIntervalNanos;
        long quick = Math.max(lastHeardNanos + quietAfterNanos, lastUdpPingNanos + quietPingIntervalNanos);
        return Math.min(regular, quick);
    }

    /** Enters or leaves the idle rate (UDP only). */
    private void updateIdle(long nowNanos) {
        if (idle) {
            boolean unanswered = pingsSinceHeard > 0 && nowNanos - lastUdpPingNanos >= quietAfterNanos;
            if (failures > 0 || unanswered) {
                idle = false;
                calmSinceNanos = nowNanos;
            }
        } else if (failures == 0 && pingsSinceHeard == 0 && nowNanos - lastVoiceNanos >= idleAfterNanos
                && nowNanos - calmSinceNanos >= idleAfterNanos) {
            idle = true;
        }
    }

    private boolean silentTooLong(long nowNanos) {
        return nowNanos - lastHeardNanos >= silenceToLeaveNanos && pingsSinceHeard >= unansweredToLeave;
    }

    private int ping(long nowNanos, boolean overUdp) {
        nextPingNanos = nowNanos + pingIntervalNanos;
        int sequence = nextPingSequence++;
        if (overUdp) {
            lastUdpPingNanos = nowNanos;
            pingsSinceHeard++;
            int slot = freeSlot();
            outstandingSequence[slot] = sequence;
            outstandingSent[slot] = nowNanos;
        }
        return SEND_PING;
    }

    private void expirePings(long nowNanos) {
        for (int i = 0; i < outstandingSent.length; i++) {
            if (outstandingSent[i] != Long.MIN_VALUE && nowNanos - outstandingSent[i] >= pingTimeoutNanos) {
                outstandingSent[i] = Long.MIN_VALUE;
                record(true);
            }
        }
    }

    private void record(boolean failed) {
        if (resultCount == results.length) {
            if (results[resultNext]) {
                failures--;
            }
        } else {
            resultCount++;
        }
        results[resultNext] = failed;
        if (failed) {
            failures++;
        }
        resultNext = (resultNext + 1) % results.length;
    }

    private int freeSlot() {
        int oldest = 0;
        for (int i = 0; i < outstandingSent.length; i++) {
            if (outstandingSent[i] == Long.MIN_VALUE) {
                return i;
            }
            if (outstandingSent[i] - outstandingSent[oldest] < 0) {
                oldest = i;
            }
        }
        // All taken (a timeout longer than the slots allow): the oldest counts as failed now.
        outstandingSent[oldest] = Long.MIN_VALUE;
        record(true);
        return oldest;
    }

    private long oldestOutstanding() {
        long oldest = Long.MAX_VALUE - pingTimeoutNanos;
        for (long sent : outstandingSent) {
            if (sent != Long.MIN_VALUE && sent < oldest) {
                oldest = sent;
            }
        }
        return oldest;
    }

    private void toUdp(long nowNanos) {
        path = VoicePath.UDP;
        idle = false;
        calmSinceNanos = nowNanos;
        clearPings();
        lastUdpPingNanos = nowNanos - pingIntervalNanos; // measure at once, and move the relay's answers to UDP
        lastHeardNanos = nowNanos; // the echo that brought us here
        pingsSinceHeard = 0;
    }

    private int fallBack(long nowNanos) {
        if (path == VoicePath.UDP) {
            switches++;
        }
        idle = false;
        path = VoicePath.TUNNEL;
        clearPings();
        echoStreak = 0;
        probeEchoed = true;
        nextProbeNanos = nowNanos + probeIntervalNanos;
        // Ping through the tunnel at once: the relay then sends this session's voice there.
        return ping(nowNanos, false);
    }

    private void clearPings() {
        Arrays.fill(outstandingSent, Long.MIN_VALUE);
        Arrays.fill(results, false);
        resultCount = 0;
        resultNext = 0;
        failures = 0;
    }
}
