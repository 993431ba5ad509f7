package dev.parley.protocol.e2e;

import dev.parley.protocol.control.KeyFields;
import dev.parley.protocol.control.message.E2e;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Copies of a shared-key channel's key, one per member: the 32-byte channel key sealed with AES-256-GCM
 * under a key both ends compute from X25519 of their identity keys (HKDF-SHA256), bound to the channel,
 * the epoch, both accounts and both identity keys. The server stores the copies and cannot open them; a
 * copy moved to another channel, epoch or member no longer opens. Stateless, thread-safe.
 */
public final class KeyShares {
    /** Bytes of a channel key (the master its chat, voice and file keys come from). */
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] HKDF_SALT = "parley-e2e-share-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyShares() {
    }

    /** A new random channel key. */
    public static byte[] newChannelKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Seals {@code channelKey} for {@code recipientId}, whose identity key is {@code recipientKey}. */
    public static String seal(IdentityKeyPair sender, long senderId, long recipientId, String recipientKey,
                              long channelId, int epoch, byte[] channelKey) throws GeneralSecurityException {
        if (channelKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("a channel key is " + KEY_BYTES + " bytes");
        }
        byte[] info = info(channelId, epoch, senderId, sender.publicKey(), recipientId, recipientKey);
        byte[] wrapKey = wrapKey(sender.agree(recipientKey), info);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(wrapKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(info);
            byte[] sealed = cipher.doFinal(channelKey);
            byte[] all = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, all, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(all);
        } finally {
            Arrays.fill(wrapKey, (byte) 0);
        }
    }

    /**
     * Opens the copy {@code share} of channel {@code channelId} sealed for {@code recipientId} (this client's
     * account, whose identity is {@code recipient}). Throws when it was not sealed for exactly that: another
     * identity key, channel, epoch, sender or an altered copy.
     */
    public static byte[] open(IdentityKeyPair recipient, long recipientId, long channelId, E2e.StoredShare share)
            throws GeneralSecurityException {
        if (!recipient.publicKey().equals(share.recipientKey())) {
            throw new GeneralSecurityException("this copy was sealed to another identity key of yours");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(KeyFields.wrapped(share.wrapped(), "wrapped"));
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("not a sealed channel key");
        }
        byte[] info = info(channelId, share.epoch(), share.senderId(), share.senderKey(), recipientId, share.recipientKey());
        byte[] wrapKey = wrapKey(recipient.agree(share.senderKey()), info);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrapKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(info);
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } finally {
            Arrays.fill(wrapKey, (byte) 0);
        }
    }

    static byte[] info(long channelId, int epoch, long senderId, String senderKey, long recipientId, String recipientKey) {
        return ("parley-e2e-share-v1|" + channelId + "|" + epoch + "|" + senderId + "|" + senderKey + "|" + recipientId
                + "|" + recipientKey).getBytes(StandardCharsets.US_ASCII);
    }

    /** HKDF-SHA256 (RFC 5869) with one block of output: extract with a fixed salt, expand with {@code info}. */
    private static byte[] wrapKey(byte[] sharedSecret, byte[] info) throws GeneralSecurityException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HKDF_SALT, "HmacSHA256"));
            byte[] prk = mac.doFinal(sharedSecret);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info);
            mac.update((byte) 1);
            Arrays.fill(prk, (byte) 0);
            return mac.doFinal();
        } finally {
            Arrays.fill(sharedSecret, (byte) 0);
        }
    }
}
