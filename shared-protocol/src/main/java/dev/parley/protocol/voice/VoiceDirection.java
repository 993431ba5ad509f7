package dev.parley.protocol.voice;

/**
 * Which way a datagram travels. It is the first byte of the GCM nonce, so both ends can use the same
 * counter values under one key without ever reusing a nonce, and a datagram reflected back at its
 * sender fails authentication.
 */
public enum VoiceDirection {
    CLIENT_TO_SERVER(0),
    SERVER_TO_CLIENT(1);

    private final int nonceByte;

    VoiceDirection(int nonceByte) {
        this.nonceByte = nonceByte;
    }

    int nonceByte() {
        return nonceByte;
    }

    public VoiceDirection opposite() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
