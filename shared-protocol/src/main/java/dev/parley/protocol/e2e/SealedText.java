package dev.parley.protocol.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Chat text in an end-to-end encrypted channel, as the server stores and relays it:
 * {@code e2e1.<epoch>.<base64url(nonce ‖ AES-256-GCM ciphertext ‖ tag)>}. The nonce is 12 random bytes;
 * the additional data binds the ciphertext to its channel, its author and the key epoch, so the server
 * can neither move a message to another channel nor show it under another author. Immutable, thread-safe.
 */
public final class SealedText {
    /** What every sealed text starts with; the server checks for it in encrypted channels. */
    public static final String PREFIX = "e2e1.";
    private static final Pattern FORMAT = Pattern.compile("e2e1\\.([1-9][0-9]{0,8})\\.([A-Za-z0-9_-]+)");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedText() {
    }

    /** The key epoch a well-formed sealed text names, or empty when {@code text} is not one. Cheap; no crypto. */
    public static Optional<Integer> epochOf(String text) {
        Matcher matcher = FORMAT.matcher(text);
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** The longest plaintext (UTF-8 bytes) whose sealed form fits a chat message of {@code maxChars}. */
    public static int maxPlaintextBytes(int maxChars) {
        int base64Chars = maxChars - PREFIX.length() - 10; // "<epoch>." at most
        return base64Chars * 3 / 4 - NONCE_BYTES - TAG_BITS / 8;
    }

    public static String seal(ChannelKey key, long authorId, String plaintext) {
        return seal(key.chatKey(), key.epoch(), additionalData(key, authorId), plaintext);
    }

    /**
     * The plaintext, or empty when it does not open under {@code key}: another epoch, another passphrase,
     * another channel or author, or altered on the way.
     */
    public static Optional<String> open(ChannelKey key, long authorId, String sealedText) {
        return open(key.chatKey(), key.epoch(), additionalData(key, authorId), sealedText);
    }

    /** The same format under another sub-key and additional data (a sealed file's name uses it). */
    static String seal(SecretKey secret, int epoch, byte[] additionalData, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(additionalData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, all, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, all, NONCE_BYTES, sealed.length);
            return PREFIX + epoch + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java 17 runtime", e);
        }
    }

    static Optional<String> open(SecretKey secret, int epoch, byte[] additionalData, String sealedText) {
        Matcher matcher = FORMAT.matcher(sealedText);
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) != epoch) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(matcher.group(2));
            if (all.length < NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(additionalData);
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] additionalData(ChannelKey key, long authorId) {
        return ("parley-chat-v1|" + key.channelId() + "|" + authorId + "|" + key.epoch())
                .getBytes(StandardCharsets.US_ASCII);
    }
}
