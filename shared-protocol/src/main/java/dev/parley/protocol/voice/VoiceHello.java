package dev.parley.protocol.voice;

import java.util.Objects;

/**
 * Proves that the sender holds the session key. Client to relay: asks the relay to send this session's
 * voice to the datagram's source address. The relay binds an address only once the HELLO carries a
 * fresh {@link VoiceCookie} the relay gave to that address (return-routability); without one it answers
 * with a {@link VoiceChallenge}. Relay to client: the acknowledgement from a bound address, echoing the
 * client's nonce (cookie none), so the client knows UDP works both ways.
 *
 * <p>The body is as large as a challenge plus the nonce, so neither answer is larger than the HELLO.
 *
 * @param nonce  chosen by the client (random, or a counter); echoed unchanged by the relay
 * @param cookie the cookie from the relay's latest challenge, or {@link VoiceCookie#NONE}
 */
public record VoiceHello(long nonce, VoiceCookie cookie) implements VoiceBody {

    /** Body length on the wire: u64 nonce, then the 12-byte cookie. */
    public static final int BODY_BYTES = 8 + VoiceCookie.BYTES;

    public VoiceHello {
        Objects.requireNonNull(cookie, "cookie");
    }

    /** A HELLO without a cookie: the first one from an address, or the relay's echo. */
    public VoiceHello(long nonce) {
        this(nonce, VoiceCookie.NONE);
    }

    @Override
    public VoicePacketKind kind() {
        return VoicePacketKind.HELLO;
    }
}
