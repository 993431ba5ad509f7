package dev.parley.server.voice;

import java.util.Map;

/**
 * The relay's counters at one moment, for {@code /metrics}. Totals survive forgotten sessions.
 *
 * @param datagramsIn      datagrams received over UDP and the tunnel, good or bad
 * @param malformed        dropped by the cleartext checks (size, version, kind, length) before crypto
 * @param unknownSession   naming a session without a voice key, dropped before crypto
 * @param badAuth          failed authentication or claimed another speaker
 * @param replayed         refused by a replay window
 * @param droppedUnbound   authentic audio or pings from an address not (yet) bound to their session, dropped
 *                         after authentication and answered with a challenge
 * @param packetsOut       datagrams sent over UDP or handed to the tunnel
 * @param tunneledOut      of {@code packetsOut}, those handed to the tunnel
 * @param sendFailures     UDP sends the operating system refused (buffer full, unreachable)
 * @param tunnelDropped    tunneled datagrams dropped before processing: inbound queue full, or over the size limit
 * @param challengesSent   return-routability challenges sent to addresses not bound to their session
 * @param unsealedDropped  plain (not end-to-end sealed) audio to an end-to-end encrypted channel, dropped
 * @param sessions         per-session counters of the sessions the relay currently knows, by id
 */
public record VoiceRelayStats(long datagramsIn, long malformed, long unknownSession, long badAuth, long replayed,
        long droppedUnbound, long packetsOut, long tunneledOut, long sendFailures, long tunnelDropped,
        long challengesSent, long unsealedDropped, Map<Integer, SessionVoiceStats> sessions) {

    public VoiceRelayStats {
        sessions = Map.copyOf(sessions);
    }
}
