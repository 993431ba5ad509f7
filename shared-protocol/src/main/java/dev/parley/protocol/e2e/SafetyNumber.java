package dev.parley.protocol.e2e;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The number two accounts compare (read aloud, or side by side) to know that the identity keys each
 * client was given for the other are the real ones: the same on both sides exactly when neither the
 * host nor anyone else swapped in a key of their own. Thirty digits in six groups of five, made of both
 * accounts' ids and identity keys, in the order of the ids, so both sides see the same number.
 */
public final class SafetyNumber {
    /** Rounds of SHA-512 that make searching for a key with a colliding number expensive. */
    static final int ROUNDS = 5200;

    private SafetyNumber() {
    }

    public static String between(long userA, String keyA, long userB, String keyB) {
        boolean aFirst = userA < userB || (userA == userB && keyA.compareTo(keyB) <= 0);
        byte[] input = ByteBuffer.allocate(16 + 8 + 32 + 8 + 32)
                .put("parley-safety-v1".getBytes(StandardCharsets.US_ASCII))
                .putLong(aFirst ? userA : userB).put(raw(aFirst ? keyA : keyB))
                .putLong(aFirst ? userB : userA).put(raw(aFirst ? keyB : keyA))
                .array();
        byte[] hash;
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            hash = sha512.digest(input);
            for (int round = 1; round < ROUNDS; round++) {
                sha512.update(hash);
                hash = sha512.digest(input);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is part of every Java 17 runtime", e);
        }
        StringBuilder digits = new StringBuilder();
        for (int group = 0; group < 6; group++) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                value = value << 8 | (hash[group * 5 + i] & 0xFFL);
            }
            digits.append(group == 0 ? "" : " ").append(String.format("%05d", value % 100_000));
        }
        return digits.toString();
    }

    private static byte[] raw(String publicKey) {
        byte[] raw = Base64.getDecoder().decode(publicKey);
        if (raw.length != 32) {
            throw new IllegalArgumentException("an identity key is 32 bytes");
        }
        return raw;
    }
}
