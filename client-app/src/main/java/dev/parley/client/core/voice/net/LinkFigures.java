package dev.parley.client.core.voice.net;

/**
 * Link health over one span (the last {@link LinkMeter#WINDOW_SECONDS} seconds, or the whole run).
 *
 * @param rttMs                 mean round trip to the relay from PING/PONG, or -1 without a PONG in the span
 * @param upstreamLossPercent   share of our datagrams the relay did not get (UDP probes sent from the
 *                              tunnel excluded)
 * @param downstreamLossPercent share of the relay's datagrams to us that did not arrive
 * @param jitterMs              mean |arrival gap - timestamp gap| of received audio (what the RFC 3550
 *                              estimator smooths), over all speakers; 0 without audio
 * @param pongs                 PONGs the figures come from
 */
public record LinkFigures(double rttMs, double upstreamLossPercent, double downstreamLossPercent, double jitterMs,
                          long pongs) {

    public static final LinkFigures NONE = new LinkFigures(-1, 0, 0, 0, 0);
}
