package dev.parley.protocol.control;

import java.util.Base64;

/** Checks of the key fields of end-to-end encryption: X25519 public keys and sealed key copies. */
public final class KeyFields {
    /** An X25519 public key: 32 bytes. */
    public static final int PUBLIC_KEY_BYTES = 32;
    /** A sealed channel key: nonce (12) + key (32) + tag (16). */
    public static final int WRAPPED_BYTES = 60;

    private KeyFields() {
    }

    /** {@code value} is the standard Base64 of a 32-byte X25519 public key. */
    public static String publicKey(String value, String field) {
        return exactBytes(value, field, PUBLIC_KEY_BYTES);
    }

    /** {@code value} is the standard Base64 of a sealed channel key. */
    public static String wrapped(String value, String field) {
        return exactBytes(value, field, WRAPPED_BYTES);
    }

    private static String exactBytes(String value, String field, int bytes) {
        Check.required(value, field);
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw Check.invalid(field, "must be standard Base64");
        }
        if (decoded.length != bytes) {
            throw Check.invalid(field, "must be " + bytes + " bytes in Base64");
        }
        return value;
    }
}
