package dev.parley.bench.load.murmur;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * OCB2 with AES-128, as Mumble 1.3 uses it for UDP voice (its {@code CryptState::ocb_encrypt} /
 * {@code ocb_decrypt}): no associated data, a full 16-byte tag of which Mumble sends 3 bytes, and the
 * XEX* counter-measure (eprint 2019/311, section 9) that Murmur 1.3.4 applies on both sides. Written
 * from the algorithm and checked against Mumble's test vectors ({@code Ocb2Test}).
 *
 * <p>Holds one AES key schedule and scratch blocks: one thread only (each side of a client has its own).
 */
public final class Ocb2 {

    public static final int BLOCK = 16;

    private final Cipher aesEncrypt;
    private final Cipher aesDecrypt;
    private final byte[] delta = new byte[BLOCK];
    private final byte[] checksum = new byte[BLOCK];
    private final byte[] tmp = new byte[BLOCK];
    private final byte[] pad = new byte[BLOCK];

    public Ocb2(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("OCB2-AES128 needs a 16-byte key, got " + key.length);
        }
        try {
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            aesEncrypt = Cipher.getInstance("AES/ECB/NoPadding");
            aesEncrypt.init(Cipher.ENCRYPT_MODE, spec);
            aesDecrypt = Cipher.getInstance("AES/ECB/NoPadding");
            aesDecrypt.init(Cipher.DECRYPT_MODE, spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is part of every JDK", e);
        }
    }

    /**
     * Encrypts {@code len} bytes; writes the 16-byte tag. Returns false only when
     * {@code modifyPlainOnXexStarAttack} is false and the plaintext has the shape the XEX* attack needs
     * (Mumble keeps that mode only to test the decryption side's detection); with it true, such a
     * block gets one bit flipped, as Mumble does, and encryption succeeds.
     */
    public boolean encrypt(byte[] plain, int plainOffset, byte[] out, int outOffset, int len, byte[] nonce, byte[] tag,
                           boolean modifyPlainOnXexStarAttack) {
        boolean success = true;
        aes(aesEncrypt, nonce, 0, delta, 0);
        Arrays.fill(checksum, (byte) 0);
        int p = plainOffset;
        int o = outOffset;
        while (len > BLOCK) {
            boolean flipABit = false;
            if (len - BLOCK <= BLOCK) {
                // The second-to-last block: all zero but its last byte is what the attack needs.
                int sum = 0;
                for (int i = 0; i < BLOCK - 1; i++) {
                    sum |= plain[p + i];
                }
                if (sum == 0) {
                    if (modifyPlainOnXexStarAttack) {
                        flipABit = true;
                    } else {
                        success = false;
                    }
                }
            }
            s2(delta);
            for (int i = 0; i < BLOCK; i++) {
                tmp[i] = (byte) (delta[i] ^ plain[p + i]);
            }
            if (flipABit) {
                tmp[0] ^= 1;
            }
            aes(aesEncrypt, tmp, 0, tmp, 0);
            for (int i = 0; i < BLOCK; i++) {
                out[o + i] = (byte) (delta[i] ^ tmp[i]);
                checksum[i] ^= plain[p + i];
            }
            if (flipABit) {
                checksum[0] ^= 1;
            }
            len -= BLOCK;
            p += BLOCK;
            o += BLOCK;
        }
        finalBlockPad(len);
        System.arraycopy(plain, p, tmp, 0, len);
        System.arraycopy(pad, len, tmp, len, BLOCK - len);
        for (int i = 0; i < BLOCK; i++) {
            checksum[i] ^= tmp[i];
            tmp[i] ^= pad[i];
        }
        System.arraycopy(tmp, 0, out, o, len);
        tag(tag);
        return success;
    }

    /**
     * Decrypts {@code len} bytes and writes the tag they should carry (the caller compares). Returns
     * false when the last block looks like an XEX* forgery; the plaintext is written either way.
     */
    public boolean decrypt(byte[] encrypted, int encryptedOffset, byte[] plain, int plainOffset, int len, byte[] nonce,
                           byte[] tag) {
        boolean success = true;
        aes(aesEncrypt, nonce, 0, delta, 0);
        Arrays.fill(checksum, (byte) 0);
        int e = encryptedOffset;
        int p = plainOffset;
        while (len > BLOCK) {
            s2(delta);
            for (int i = 0; i < BLOCK; i++) {
                tmp[i] = (byte) (delta[i] ^ encrypted[e + i]);
            }
            aes(aesDecrypt, tmp, 0, tmp, 0);
            for (int i = 0; i < BLOCK; i++) {
                byte b = (byte) (delta[i] ^ tmp[i]);
                plain[p + i] = b;
                checksum[i] ^= b;
            }
            len -= BLOCK;
            p += BLOCK;
            e += BLOCK;
        }
        finalBlockPad(len);
        Arrays.fill(tmp, (byte) 0);
        System.arraycopy(encrypted, e, tmp, 0, len);
        for (int i = 0; i < BLOCK; i++) {
            tmp[i] ^= pad[i];
            checksum[i] ^= tmp[i];
        }
        System.arraycopy(tmp, 0, plain, p, len);
        // An attack needs the decrypted last block to equal delta ^ len(128); len only touches the last byte.
        if (Arrays.equals(tmp, 0, BLOCK - 1, delta, 0, BLOCK - 1)) {
            success = false;
        }
        tag(tag);
        return success;
    }

    /** pad = AES(S2(delta) ^ bit length of the last block, big-endian in the block's last bytes). */
    private void finalBlockPad(int len) {
        s2(delta);
        Arrays.fill(tmp, (byte) 0);
        int bits = len * 8;
        tmp[BLOCK - 4] = (byte) (bits >>> 24);
        tmp[BLOCK - 3] = (byte) (bits >>> 16);
        tmp[BLOCK - 2] = (byte) (bits >>> 8);
        tmp[BLOCK - 1] = (byte) bits;
        for (int i = 0; i < BLOCK; i++) {
            tmp[i] ^= delta[i];
        }
        aes(aesEncrypt, tmp, 0, pad, 0);
    }

    /** tag = AES(S3(delta) ^ checksum). */
    private void tag(byte[] tag) {
        s3(delta);
        for (int i = 0; i < BLOCK; i++) {
            tmp[i] = (byte) (delta[i] ^ checksum[i]);
        }
        aes(aesEncrypt, tmp, 0, tag, 0);
    }

    /** Doubling in GF(2^128): shift the big-endian block left one bit, fold the carry in with 0x87. */
    static void s2(byte[] block) {
        int carry = (block[0] >> 7) & 1;
        for (int i = 0; i < BLOCK - 1; i++) {
            block[i] = (byte) ((block[i] << 1) | ((block[i + 1] >> 7) & 1));
        }
        block[BLOCK - 1] = (byte) ((block[BLOCK - 1] << 1) ^ (carry * 0x87));
    }

    /** Tripling: block ^= 2·block. */
    static void s3(byte[] block) {
        int carry = (block[0] >> 7) & 1;
        for (int i = 0; i < BLOCK - 1; i++) {
            block[i] ^= (byte) ((block[i] << 1) | ((block[i + 1] >> 7) & 1));
        }
        block[BLOCK - 1] ^= (byte) ((block[BLOCK - 1] << 1) ^ (carry * 0x87));
    }

    private static void aes(Cipher cipher, byte[] in, int inOffset, byte[] out, int outOffset) {
        try {
            cipher.update(in, inOffset, BLOCK, out, outOffset);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("a 16-byte block always fits", e);
        }
    }
}
