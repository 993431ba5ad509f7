package dev.parley.server.voice;

import dev.parley.protocol.voice.VoiceCookie;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless return-routability cookies (the idea of DTLS's HelloVerifyRequest, QUIC's Retry and
 * WireGuard's cookie reply): HMAC-SHA256, under a random key made when the relay starts, over
 * {@code session id ‖ issued ‖ port ‖ address bytes}, truncated to 64 bits. Only who receives at an
 * address learns its cookie, and a cookie is valid only for that session, that address and
 * {@link #LIFETIME_MILLIS}. No per-address state, so a flood of new addresses costs no memory.
 *
 * <p>Confined to the relay I/O thread (one {@link Mac} and scratch buffer, reused).
 */
final class AddressCookies {

    /** How long a cookie stays good: a round trip plus generous slack for a slow client. */
    static final int LIFETIME_MILLIS = 5_000;

    private final Mac mac;
    private final byte[] input = new byte[4 + 4 + 2 + 16];
    private final byte[] output = new byte[32];

    AddressCookies(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no HmacSHA256", e);
        }
    }

    /** The cookie for a session at an address, made now. */
    VoiceCookie issue(int sessionId, SocketAddress address, long nowNanos) {
        int issued = clockMillis(nowNanos);
        if (issued == 0) {
            issued = 1; // issued 0 with mac 0 would read as "no cookie"; 1 ms later changes nothing
        }
        return new VoiceCookie(issued, macOf(sessionId, address, issued));
    }

    /** Whether the cookie was issued by this relay for this session and address, and is still fresh. */
    boolean verify(VoiceCookie cookie, int sessionId, SocketAddress address, long nowNanos) {
        if (cookie.isNone()) {
            return false;
        }
        int age = clockMillis(nowNanos) - cookie.issued(); // wraps correctly in int arithmetic
        if (age < 0 || age > LIFETIME_MILLIS) {
            return false;
        }
        // Constant-time comparison is not needed for a 64-bit MAC checked once per datagram, but is cheap.
        long expected = macOf(sessionId, address, cookie.issued());
        return (expected ^ cookie.mac()) == 0;
    }

    private long macOf(int sessionId, SocketAddress address, int issued) {
        InetSocketAddress inet = (InetSocketAddress) address;
        byte[] ip = inet.getAddress().getAddress();
        writeInt(input, 0, sessionId);
        writeInt(input, 4, issued);
        input[8] = (byte) (inet.getPort() >>> 8);
        input[9] = (byte) inet.getPort();
        System.arraycopy(ip, 0, input, 10, ip.length);
        mac.update(input, 0, 10 + ip.length);
        try {
            mac.doFinal(output, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (output[i] & 0xFF);
        }
        return value;
    }

    private static int clockMillis(long nowNanos) {
        return (int) TimeUnit.NANOSECONDS.toMillis(nowNanos);
    }

    private static void writeInt(byte[] b, int i, int value) {
        b[i] = (byte) (value >>> 24);
        b[i + 1] = (byte) (value >>> 16);
        b[i + 2] = (byte) (value >>> 8);
        b[i + 3] = (byte) value;
    }
}
