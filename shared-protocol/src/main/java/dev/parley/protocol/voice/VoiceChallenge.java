package dev.parley.protocol.voice;

import java.util.Objects;

/**
 * Relay to client only: "prove you receive at this address". Sent over UDP in answer to a datagram
 * from an address not (yet) bound to the session. The client echoes the cookie in a {@link VoiceHello}
 * from the same address; only then does the relay send the session's audio there. Its datagram (42
 * bytes) is never larger than any datagram that can trigger it, so the relay cannot amplify traffic
 * toward a spoofed address.
 */
public record VoiceChallenge(VoiceCookie cookie) implements VoiceBody {

    /** Body length on the wire. */
    public static final int BODY_BYTES = VoiceCookie.BYTES;

    public VoiceChallenge {
        Objects.requireNonNull(cookie, "cookie");
    }

    @Override
    public VoicePacketKind kind() {
        return VoicePacketKind.CHALLENGE;
    }
}
