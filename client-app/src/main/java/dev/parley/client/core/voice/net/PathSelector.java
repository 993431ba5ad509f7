package dev.parley.client.core.voice.net;

import java.util.Objects;

/**
 * Decides the voice path from time alone: probe UDP with HELLO until the relay echoes it, fall back to the
 * tunnel when no echo comes or UDP goes quiet, and keep probing UDP from the tunnel. Says what to send when.
 * No sockets, so path switching is testable with a fake clock. Confined to the transport's network thread.
 */
final class PathSelector {

    /** Send a HELLO over UDP now. */
    static final int SEND_HELLO_UDP = 1;
    /** Send a PING on the current path now. */
    static final int SEND_PING = 2;

    private final long helloIntervalNanos;
    private final long udpTimeoutNanos;
    private final long pingIntervalNanos;
    private final long pingTimeoutNanos;
    private final long probeIntervalNanos;
    private final long startNanos;

    private VoicePath path = VoicePath.PROBING;
    private long lastUdpAnswerNanos;
    private long nextHelloNanos;
    private long nextPingNanos;
    private long nextProbeNanos;
    private int switches;

    PathSelector(TransportSettings settings, long startNanos) {
        Objects.requireNonNull(settings, "settings");
        this.helloIntervalNanos = settings.helloInterval().toNanos();
        this.udpTimeoutNanos = settings.udpTimeout().toNanos();
        this.pingIntervalNanos = settings.pingInterval().toNanos();
        this.pingTimeoutNanos = settings.pingTimeout().toNanos();
        this.probeIntervalNanos = settings.udpProbeInterval().toNanos();
        this.startNanos = startNanos;
        this.nextHelloNanos = startNanos;
    }

    VoicePath path() {
        return path;
    }

    /** Path changes after the first decision (PROBING to UDP or TUNNEL is not counted). */
    int switches() {
        return switches;
    }

    /**
     * Advances the timers to {@code nowNanos}: switches to the tunnel on a timeout and returns the
     * {@code SEND_*} flags of what is due now.
     */
    int tick(long nowNanos) {
        int actions = 0;
        switch (path) {
            case PROBING -> {
                if (nowNanos - startNanos >= udpTimeoutNanos) {
                    actions |= fallBack(nowNanos);
                } else if (nowNanos - nextHelloNanos >= 0) {
                    nextHelloNanos = nowNanos + helloIntervalNanos;
                    actions |= SEND_HELLO_UDP;
                }
            }
            case UDP -> {
                if (nowNanos - lastUdpAnswerNanos >= pingTimeoutNanos) {
                    actions |= fallBack(nowNanos);
                } else if (nowNanos - nextPingNanos >= 0) {
                    nextPingNanos = nowNanos + pingIntervalNanos;
                    actions |= SEND_PING;
                }
            }
            case TUNNEL -> {
                if (nowNanos - nextPingNanos >= 0) {
                    nextPingNanos = nowNanos + pingIntervalNanos;
                    actions |= SEND_PING;
                }
                if (nowNanos - nextProbeNanos >= 0) {
                    nextProbeNanos = nowNanos + probeIntervalNanos;
                    actions |= SEND_HELLO_UDP;
                }
            }
        }
        return actions;
    }

    /**
     * An authentic datagram arrived over UDP; a HELLO echo proves UDP works both ways.
     *
     * @return true if the path changed to UDP
     */
    boolean udpAnswered(long nowNanos, boolean helloEcho) {
        lastUdpAnswerNanos = nowNanos;
        if (!helloEcho || path == VoicePath.UDP) {
            return false;
        }
        if (path == VoicePath.TUNNEL) {
            switches++;
        }
        path = VoicePath.UDP;
        nextPingNanos = nowNanos; // measure the round trip at once
        return true;
    }

    /** When {@link #tick} next has something to do. */
    long nextDeadline() {
        return switch (path) {
            case PROBING -> Math.min(nextHelloNanos, startNanos + udpTimeoutNanos);
            case UDP -> Math.min(nextPingNanos, lastUdpAnswerNanos + pingTimeoutNanos);
            case TUNNEL -> Math.min(nextPingNanos, nextProbeNanos);
        };
    }

    private int fallBack(long nowNanos) {
        if (path == VoicePath.UDP) {
            switches++;
        }
        path = VoicePath.TUNNEL;
        // Ping through the tunnel at once: any tunnelled datagram makes the relay answer there too.
        nextPingNanos = nowNanos + pingIntervalNanos;
        nextProbeNanos = nowNanos + probeIntervalNanos;
        return SEND_PING;
    }
}
