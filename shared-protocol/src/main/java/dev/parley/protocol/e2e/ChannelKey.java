package dev.parley.protocol.e2e;

import dev.parley.protocol.control.model.ChannelE2e;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An end-to-end encrypted channel's key for one epoch, derived by each member from the passphrase they
 * share: PBKDF2-HMAC-SHA256 over the passphrase with the channel id, the epoch and the channel's public
 * salt ({@link ChannelE2e}), {@value #ITERATIONS} iterations, then one HMAC-SHA256 sub-key each for chat,
 * for voice and for files, and a verification code members read to each other to be sure they hold the same key.
 * The server never sees the passphrase or any of these. In a shared-key channel the master is instead 32
 * random bytes a member made and sealed to each member ({@link #fromShared}). Immutable, thread-safe.
 */
public final class ChannelKey {
    static final int ITERATIONS = 210_000;

    private final long channelId;
    private final int epoch;
    private final SecretKey chatKey;
    private final SecretKey voiceKey;
    private final SecretKey fileKey;
    private final String verificationCode;

    private ChannelKey(long channelId, int epoch, byte[] master) throws GeneralSecurityException {
        this.channelId = channelId;
        this.epoch = epoch;
        this.chatKey = new SecretKeySpec(subKey(master, "chat"), "AES");
        this.voiceKey = new SecretKeySpec(subKey(master, "voice"), "AES");
        this.fileKey = new SecretKeySpec(subKey(master, "file"), "AES");
        this.verificationCode = code(subKey(master, "verification"));
    }

    /** Derives the key (takes a fraction of a second on purpose: guessing passphrases must be slow). */
    public static ChannelKey derive(long channelId, ChannelE2e e2e, char[] passphrase) {
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("the passphrase must not be empty");
        }
        byte[] salt = ("parley-e2e-v1|" + channelId + "|" + e2e.epoch() + "|" + e2e.salt())
                .getBytes(StandardCharsets.US_ASCII);
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            PBEKeySpec spec = new PBEKeySpec(passphrase, salt, ITERATIONS, 256);
            byte[] master = factory.generateSecret(spec).getEncoded();
            spec.clearPassword();
            try {
                return new ChannelKey(channelId, e2e.epoch(), master);
            } finally {
                Arrays.fill(master, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 and HMAC-SHA256 are part of every Java 17 runtime", e);
        }
    }

    /**
     * The key of a shared-key channel's epoch from its 32 random bytes (made by the member who rotated,
     * opened from that member's copy with {@link KeyShares#open}).
     */
    public static ChannelKey fromShared(long channelId, int epoch, byte[] channelKey) {
        if (channelKey.length != KeyShares.KEY_BYTES) {
            throw new IllegalArgumentException("a channel key is " + KeyShares.KEY_BYTES + " bytes");
        }
        try {
            return new ChannelKey(channelId, epoch, channelKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java 17 runtime", e);
        }
    }

    public long channelId() {
        return channelId;
    }

    public int epoch() {
        return epoch;
    }

    SecretKey chatKey() {
        return chatKey;
    }

    SecretKey voiceKey() {
        return voiceKey;
    }

    SecretKey fileKey() {
        return fileKey;
    }

    /** 20 digits in groups of five: the same for everyone who holds this key, and for nobody else. */
    public String verificationCode() {
        return verificationCode;
    }

    private static byte[] subKey(byte[] master, String purpose) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(master, "HmacSHA256"));
        return mac.doFinal(("parley-e2e-v1 " + purpose).getBytes(StandardCharsets.US_ASCII));
    }

    private static String code(byte[] bytes) {
        StringBuilder digits = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            long value = ((bytes[group * 4] & 0xFFL) << 24 | (bytes[group * 4 + 1] & 0xFFL) << 16
                    | (bytes[group * 4 + 2] & 0xFFL) << 8 | (bytes[group * 4 + 3] & 0xFFL)) % 100_000;
            digits.append(group == 0 ? "" : " ").append(String.format("%05d", value));
        }
        return digits.toString();
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "ChannelKey[channel=" + channelId + ", epoch=" + epoch + "]";
    }
}
