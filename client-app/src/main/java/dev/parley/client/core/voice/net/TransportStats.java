package dev.parley.client.core.voice.net;

/**
 * The voice link's health at one moment, for the UI and logs.
 *
 * @param path                  the path in use
 * @param rttMs                 smoothed round trip to the relay from PING/PONG, or -1 before the first PONG
 * @param upstreamLossPercent   share of our datagrams the relay did not get, over the last ping interval
 * @param downstreamLossPercent share of the relay's datagrams to us that did not arrive, over the last ping interval
 * @param jitterMs              interarrival jitter of received audio (RFC 3550 estimator), the largest over speakers
 * @param datagramsSent         datagrams sealed and handed to UDP or the tunnel
 * @param datagramsReceived     authentic, non-replayed datagrams received on either path
 * @param audioSent             audio frames sent
 * @param audioReceived         audio frames received
 * @param rejected              datagrams dropped as forged, malformed or replayed
 * @param sendDropped           audio frames dropped because the network thread was behind
 * @param pathSwitches          how often the path changed after the first decision
 */
public record TransportStats(VoicePath path, double rttMs, double upstreamLossPercent, double downstreamLossPercent,
                             double jitterMs, long datagramsSent, long datagramsReceived, long audioSent,
                             long audioReceived, long rejected, long sendDropped, int pathSwitches) {
}
