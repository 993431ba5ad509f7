package dev.parley.protocol.e2e;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The inner, end-to-end layer of voice in an encrypted channel: the speaker seals each Opus packet under
 * the channel's voice key before the per-hop layer ({@code VoiceCipher}) seals the datagram for the relay,
 * so the relay forwards what it cannot read. Layout of the sealed payload (in place of the Opus packet):
 * {@code 0xE2 ‖ epoch u16 ‖ 8 random bytes ‖ AES-256-GCM ciphertext ‖ 16-byte tag}, 27 bytes more than
 * the packet. The nonce is the 8 random bytes and the frame's sequence number; the additional data is the
 * channel, the speaker's voice session, the sequence and the timestamp, so the relay can neither move a
 * packet to another channel, another speaker or another place in the stream. Thread-safe.
 */
public final class SealedVoice {
    public static final int MARKER = 0xE2;
    public static final int OVERHEAD = 1 + 2 + 8 + 16;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One cipher per thread (the capture thread seals, the network thread opens): no provider lookup per packet. */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java 17 runtime", e);
        }
    });

    private SealedVoice() {
    }

    /** The sealed payload; an empty packet (a bare end-of-talk) stays empty. */
    public static byte[] seal(ChannelKey key, int speakerSessionId, int sequence, int timestamp, byte[] opus) {
        if (opus.length == 0) {
            return opus;
        }
        byte[] out = new byte[OVERHEAD + opus.length];
        out[0] = (byte) MARKER;
        out[1] = (byte) (key.epoch() >>> 8);
        out[2] = (byte) key.epoch();
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, out, 3, 8);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.voiceKey(), new GCMParameterSpec(TAG_BITS, nonce(random, sequence)));
            cipher.updateAAD(additionalData(key.channelId(), speakerSessionId, sequence, timestamp));
            cipher.doFinal(opus, 0, opus.length, out, 11);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java 17 runtime", e);
        }
    }

    /** The key epoch a sealed payload names, or -1 when it is not one (plain Opus, or garbage). */
    public static int epochOf(byte[] payload) {
        return payload.length > OVERHEAD && (payload[0] & 0xFF) == MARKER
                ? (payload[1] & 0xFF) << 8 | (payload[2] & 0xFF) : -1;
    }

    /** The Opus packet, or empty when the payload does not open under {@code key}. */
    public static Optional<byte[]> open(ChannelKey key, int speakerSessionId, int sequence, int timestamp,
            byte[] payload) {
        if (epochOf(payload) != (key.epoch() & 0xFFFF)) {
            return Optional.empty();
        }
        byte[] random = new byte[8];
        System.arraycopy(payload, 3, random, 0, 8);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key.voiceKey(), new GCMParameterSpec(TAG_BITS, nonce(random, sequence)));
            cipher.updateAAD(additionalData(key.channelId(), speakerSessionId, sequence, timestamp));
            return Optional.of(cipher.doFinal(payload, 11, payload.length - 11));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] nonce(byte[] random, int sequence) {
        return ByteBuffer.allocate(12).put(random).putInt(sequence).array();
    }

    private static byte[] additionalData(long channelId, int speakerSessionId, int sequence, int timestamp) {
        return ByteBuffer.allocate(15 + 20).put("parley-voice-v1".getBytes(StandardCharsets.US_ASCII))
                .putLong(channelId).putInt(speakerSessionId).putInt(sequence).putInt(timestamp).array();
    }
}
