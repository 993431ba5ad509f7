package dev.parley.protocol.voice;

/**
 * A round-trip probe from client to relay; answered with a {@link VoicePong}.
 *
 * @param sequence        chosen by the client, echoed by the relay (unsigned 32-bit on the wire)
 * @param clientSendNanos the client's clock when sending, echoed so the client needs no state per ping
 */
public record VoicePing(int sequence, long clientSendNanos) implements VoiceBody {

    /** Body length on the wire. */
    public static final int BODY_BYTES = 12;

    @Override
    public VoicePacketKind kind() {
        return VoicePacketKind.PING;
    }
}
