package dev.parley.protocol.e2e;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.KeyAgreement;

/**
 * An account's X25519 identity key on one client (the JDK's own X25519, RFC 7748). The public half is
 * published to the room; the private half never leaves the client. Immutable, thread-safe.
 */
public final class IdentityKeyPair {
    /** The DER prefix of an X25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

    private final PrivateKey privateKey;
    private final byte[] publicRaw;

    private IdentityKeyPair(PrivateKey privateKey, byte[] publicRaw) {
        this.privateKey = privateKey;
        this.publicRaw = publicRaw;
    }

    public static IdentityKeyPair generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            return new IdentityKeyPair(pair.getPrivate(), raw(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is part of every Java 17 runtime", e);
        }
    }

    /** Restores a pair saved with {@link #privateKeyPkcs8()} and {@link #publicKey()}. */
    public static IdentityKeyPair restore(byte[] privatePkcs8, String publicKey) throws GeneralSecurityException {
        PrivateKey privateKey = KeyFactory.getInstance("X25519").generatePrivate(new PKCS8EncodedKeySpec(privatePkcs8));
        byte[] publicRaw = decodePublic(publicKey);
        IdentityKeyPair pair = new IdentityKeyPair(privateKey, publicRaw);
        // X25519 with the base point (u = 9) is the private key's public key: halves that do not belong
        // together would publish a key whose copies this client could never open.
        byte[] basePoint = new byte[32];
        basePoint[0] = 9;
        if (!Arrays.equals(pair.agree(Base64.getEncoder().encodeToString(basePoint)), publicRaw)) {
            throw new GeneralSecurityException("the saved public key does not belong to the saved private key");
        }
        return pair;
    }

    /** The public key as published: standard Base64 of the raw 32 bytes. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(publicRaw);
    }

    public byte[] privateKeyPkcs8() {
        return privateKey.getEncoded();
    }

    /** X25519 of this private key and {@code otherPublicKey} (Base64 raw); refuses a low-order key. */
    byte[] agree(String otherPublicKey) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(privateKey);
        agreement.doPhase(publicKeyOf(otherPublicKey), true);
        byte[] secret = agreement.generateSecret();
        if (isAllZero(secret)) {
            throw new GeneralSecurityException("X25519 with a low-order public key");
        }
        return secret;
    }

    static PublicKey publicKeyOf(String base64) throws GeneralSecurityException {
        byte[] raw = decodePublic(base64);
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, raw.length);
        return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static byte[] decodePublic(String base64) throws GeneralSecurityException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("identity key is not Base64");
        }
        if (raw.length != 32) {
            throw new GeneralSecurityException("identity key is not 32 bytes");
        }
        return raw;
    }

    private static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    private static boolean isAllZero(byte[] bytes) {
        int any = 0;
        for (byte b : bytes) {
            any |= b;
        }
        return any == 0;
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "IdentityKeyPair[" + publicKey() + "]";
    }
}
