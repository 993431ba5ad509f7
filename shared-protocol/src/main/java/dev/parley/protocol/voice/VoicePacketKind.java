package dev.parley.protocol.voice;

/** The kind byte of a voice datagram; the wire values are stable and never reused. */
public enum VoicePacketKind {
    HELLO(1),
    AUDIO(2),
    PING(3),
    PONG(4),
    /** Relay to client: return-routability challenge for a new source address. */
    CHALLENGE(5);

    private static final VoicePacketKind[] BY_WIRE_VALUE = {null, HELLO, AUDIO, PING, PONG, CHALLENGE};

    private final int wireValue;

    VoicePacketKind(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The kind for a wire value, or {@code null} when the value is unknown (hot path: no Optional). */
    static VoicePacketKind fromWireValue(int value) {
        return value > 0 && value < BY_WIRE_VALUE.length ? BY_WIRE_VALUE[value] : null;
    }
}
