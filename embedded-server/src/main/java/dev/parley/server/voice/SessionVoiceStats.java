package dev.parley.server.voice;

/**
 * Counters of one voice session at one moment, for {@code /metrics}.
 *
 * @param packetsIn      authentic datagrams accepted from the session (UDP and tunnel)
 * @param packetsOut     datagrams sent to the session (forwarded audio, pongs, hello acks; UDP and tunnel)
 * @param badAuth        datagrams naming this session that failed authentication, or audio claiming
 *                       another speaker
 * @param replayed       authentic-looking datagrams refused by the replay window (duplicate or too late)
 * @param droppedUnbound authentic audio or pings from an address other than the session's bound UDP address
 * @param udpBound       whether a HELLO that echoed its cookie bound a UDP address
 * @param talking        whether the session is currently talking
 */
public record SessionVoiceStats(int sessionId, long packetsIn, long packetsOut, long badAuth, long replayed,
        long droppedUnbound, boolean udpBound, boolean talking) {
}
