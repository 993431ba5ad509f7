package dev.parley.protocol.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 of a server's DER-encoded leaf certificate: what a host reads out to the people
 * joining, and what a client pins. Written as upper-case hex pairs joined by colons
 * ({@code 3F:A0:...}), the form browsers and {@code openssl x509 -fingerprint -sha256} show.
 * Immutable.
 */
public final class Fingerprint {
    private static final int LENGTH = 32;
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final byte[] sha256;

    private Fingerprint(byte[] sha256) {
        this.sha256 = sha256;
    }

    public static Fingerprint of(X509Certificate certificate) {
        try {
            return ofDer(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    public static Fingerprint ofDer(byte[] der) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Reads a fingerprint as people copy it: colons, spaces or nothing between the pairs, any case.
     *
     * @throws IllegalArgumentException if it is not 32 bytes of hex
     */
    public static Fingerprint parse(String text) {
        String hex = text.strip().replaceAll("[:\\s-]", "");
        if (hex.length() != LENGTH * 2 || !hex.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 32 hex pairs, e.g. 3F:A0:...");
        }
        return new Fingerprint(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    /** Constant-time comparison, so a pin check leaks nothing about how much of a guess matched. */
    public boolean matches(Fingerprint other) {
        return other != null && MessageDigest.isEqual(sha256, other.sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return COLON_HEX.formatHex(sha256);
    }
}
