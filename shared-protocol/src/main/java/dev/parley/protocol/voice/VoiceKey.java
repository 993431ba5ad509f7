package dev.parley.protocol.voice;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A session's 128-bit AES-GCM voice key. Issued by the server on the (TLS) control connection; both
 * directions of that session's voice use it, kept apart by the direction byte of the nonce.
 */
public record VoiceKey(byte[] bytes) {

    public static final int LENGTH_BYTES = 16;

    public VoiceKey {
        if (bytes == null || bytes.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("a voice key has exactly " + LENGTH_BYTES + " bytes");
        }
        bytes = bytes.clone();
    }

    public static VoiceKey random(SecureRandom random) {
        byte[] bytes = new byte[LENGTH_BYTES];
        random.nextBytes(bytes);
        return new VoiceKey(bytes);
    }

    /** Parses the form the control channel carries (standard Base64, 24 characters). */
    public static VoiceKey fromBase64(String encoded) {
        try {
            return new VoiceKey(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            // Never echo the input: it may be a key.
            throw new IllegalArgumentException("not a Base64 voice key");
        }
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VoiceKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "VoiceKey[redacted]";
    }
}
