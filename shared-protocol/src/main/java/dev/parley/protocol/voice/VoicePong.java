package dev.parley.protocol.voice;

/**
 * The relay's answer to a {@link VoicePing}. Upstream loss: the client compares
 * {@code packetsReceived} with how many datagrams it sent with a counter up to {@code highestCounter}.
 * Downstream loss needs no field: the relay's counter in this datagram's header is the number of
 * datagrams the relay has sent to this client before it, to compare with what the client received.
 *
 * @param sequence        echoed from the ping
 * @param clientSendNanos echoed from the ping
 * @param packetsReceived authenticated, non-replayed datagrams the relay accepted from this client
 *                        under the current key, this ping included
 * @param highestCounter  highest counter the relay accepted from this client under the current key
 */
public record VoicePong(int sequence, long clientSendNanos, long packetsReceived, long highestCounter)
        implements VoiceBody {

    /** Body length on the wire. */
    public static final int BODY_BYTES = 28;

    public VoicePong {
        if (packetsReceived < 0) {
            throw new IllegalArgumentException("packetsReceived must not be negative: " + packetsReceived);
        }
        if (highestCounter < 0) {
            throw new IllegalArgumentException("highestCounter must not be negative: " + highestCounter);
        }
    }

    /** The pong for a ping, with the relay's view of this client's upstream. */
    public static VoicePong answering(VoicePing ping, long packetsReceived, long highestCounter) {
        return new VoicePong(ping.sequence(), ping.clientSendNanos(), packetsReceived, highestCounter);
    }

    @Override
    public VoicePacketKind kind() {
        return VoicePacketKind.PONG;
    }
}
