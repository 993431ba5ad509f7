package dev.parley.protocol.voice;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals bodies into datagrams and opens datagrams into bodies under one session's key, with the
 * counter the caller gives. Knows nothing of counters' history: {@link VoiceLink} adds the sending
 * counter and the replay window. Confined to one thread (it holds a {@link Cipher} and scratch
 * buffers, created once because {@code Cipher.getInstance} is expensive).
 */
public final class VoiceCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;

    private final int keySessionId;
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[NONCE_BYTES];
    private final byte[] plaintext = new byte[VoiceWire.MAX_BODY_BYTES];

    /**
     * @param keySessionId the session the key belongs to; sealed datagrams carry it, and datagrams
     *                     naming another session are refused before any crypto
     */
    public VoiceCipher(int keySessionId, VoiceKey key) {
        Objects.requireNonNull(key, "key");
        this.keySessionId = keySessionId;
        this.key = new SecretKeySpec(key.bytes(), "AES");
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no " + TRANSFORMATION, e);
        }
    }

    public int keySessionId() {
        return keySessionId;
    }

    /**
     * Seals a body into {@code out} from index 0 and returns the datagram's length.
     *
     * @param out at least {@link VoiceWire#MAX_DATAGRAM_BYTES} long
     * @throws IllegalArgumentException when the counter is negative or {@code out} is too short
     * @throws IllegalStateException    when the same counter is sealed twice in a row (nonce reuse)
     */
    public int seal(VoiceDirection direction, long counter, VoiceBody body, byte[] out) {
        Objects.requireNonNull(body, "body");
        if (counter < 0) {
            throw new IllegalArgumentException("counter must not be negative: " + counter);
        }
        if (out.length < VoiceWire.MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("output buffer shorter than " + VoiceWire.MAX_DATAGRAM_BYTES);
        }
        out[0] = (byte) VoiceWire.VERSION;
        out[VoiceWire.KIND_OFFSET] = (byte) body.kind().wireValue();
        VoiceWire.writeInt(out, VoiceWire.SESSION_OFFSET, keySessionId);
        VoiceWire.writeLong(out, VoiceWire.COUNTER_OFFSET, counter);
        int bodyLength = VoiceBodyCodec.write(body, plaintext, 0);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nonceFor(direction, counter));
            cipher.updateAAD(out, 0, VoiceWire.HEADER_BYTES);
            return VoiceWire.HEADER_BYTES + cipher.doFinal(plaintext, 0, bodyLength, out, VoiceWire.HEADER_BYTES);
        } catch (InvalidAlgorithmParameterException e) {
            // The JDK refuses to encrypt twice with the same key and nonce: a caller bug, never data.
            throw new IllegalStateException("counter " + counter + " sealed twice under one key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** Seals a body into a new array of exactly the datagram's length. */
    public byte[] seal(VoiceDirection direction, long counter, VoiceBody body) {
        byte[] buffer = new byte[VoiceWire.MAX_DATAGRAM_BYTES];
        int length = seal(direction, counter, body, buffer);
        return Arrays.copyOf(buffer, length);
    }

    /**
     * Authenticates and decrypts a datagram that travelled in {@code direction}. Never throws on bad
     * input: junk, truncation, tampering and a wrong key all come back as {@link OpenResult.Rejected}.
     * Does not check replay.
     */
    public OpenResult open(VoiceDirection direction, byte[] datagram, int offset, int length) {
        Objects.requireNonNull(datagram, "datagram");
        Objects.checkFromIndexSize(offset, length, datagram.length);
        RejectReason cheap = VoiceWire.precheck(datagram, offset, length);
        if (cheap != null) {
            return OpenResult.Rejected.of(cheap);
        }
        if (VoiceWire.keySessionId(datagram, offset) != keySessionId) {
            return OpenResult.Rejected.of(RejectReason.WRONG_SESSION);
        }
        long counter = VoiceWire.counter(datagram, offset);
        int bodyLength;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nonceFor(direction, counter));
            cipher.updateAAD(datagram, offset, VoiceWire.HEADER_BYTES);
            bodyLength = cipher.doFinal(datagram, offset + VoiceWire.HEADER_BYTES,
                    length - VoiceWire.HEADER_BYTES, plaintext, 0);
        } catch (AEADBadTagException e) {
            return OpenResult.Rejected.of(RejectReason.BAD_TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
        VoiceBody body = VoiceBodyCodec.read(VoiceWire.kind(datagram, offset), plaintext, 0, bodyLength);
        if (body == null) {
            return OpenResult.Rejected.of(RejectReason.MALFORMED_BODY);
        }
        return new OpenResult.Opened(keySessionId, counter, body);
    }

    public OpenResult open(VoiceDirection direction, byte[] datagram) {
        return open(direction, datagram, 0, datagram.length);
    }

    private GCMParameterSpec nonceFor(VoiceDirection direction, long counter) {
        // [direction, 0, 0, 0, counter u64]; bytes 1..3 stay zero from construction.
        nonce[0] = (byte) direction.nonceByte();
        VoiceWire.writeLong(nonce, 4, counter);
        return new GCMParameterSpec(VoiceWire.TAG_BYTES * 8, nonce);
    }
}
