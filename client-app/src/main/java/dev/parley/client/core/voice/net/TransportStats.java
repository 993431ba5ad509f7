package dev.parley.client.core.voice.net;

/**
 * The voice link's health at one moment, for the UI and logs.
 *
 * @param path              the path in use
 * @param window            round trip, loss both ways and jitter over the last {@value LinkMeter#WINDOW_SECONDS} s
 * @param total             the same over the whole run
 * @param datagramsSent     datagrams sealed and handed to UDP or the tunnel
 * @param datagramsReceived authentic, non-replayed datagrams received on either path
 * @param audioSent         audio frames sent
 * @param audioReceived     audio frames received
 * @param rejected          datagrams dropped as forged, malformed or replayed
 * @param sendDropped       audio frames dropped because the network thread was behind
 * @param pathSwitches      how often the path changed after the first decision
 * @param audioTunnelled    audio frames sent through the tunnel
 * @param challenges        return-routability challenges the relay sent us (answered with a HELLO)
 */
public record TransportStats(VoicePath path, LinkFigures window, LinkFigures total, long datagramsSent,
                             long datagramsReceived, long audioSent, long audioReceived, long rejected,
                             long sendDropped, int pathSwitches, long audioTunnelled, long challenges) {

    /** Round trip over the last {@value LinkMeter#WINDOW_SECONDS} s, or -1 before a PONG. */
    public double rttMs() {
        return window.rttMs();
    }

    /** Upstream loss over the last {@value LinkMeter#WINDOW_SECONDS} s. */
    public double upstreamLossPercent() {
        return window.upstreamLossPercent();
    }

    /** Downstream loss over the last {@value LinkMeter#WINDOW_SECONDS} s. */
    public double downstreamLossPercent() {
        return window.downstreamLossPercent();
    }

    /** Audio jitter over the last {@value LinkMeter#WINDOW_SECONDS} s. */
    public double jitterMs() {
        return window.jitterMs();
    }
}
