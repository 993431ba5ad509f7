package dev.parley.protocol.voice;

/**
 * Proves that the sender holds the session key. Client to relay: binds the datagram's source address
 * to the session. Relay to client: the acknowledgement, echoing the client's nonce, so the client
 * knows UDP works both ways (otherwise it falls back to the WebSocket tunnel).
 *
 * @param nonce chosen by the client (random, or a timestamp); echoed unchanged by the relay
 */
public record VoiceHello(long nonce) implements VoiceBody {

    /** Body length on the wire. */
    public static final int BODY_BYTES = 8;

    @Override
    public VoicePacketKind kind() {
        return VoicePacketKind.HELLO;
    }
}
