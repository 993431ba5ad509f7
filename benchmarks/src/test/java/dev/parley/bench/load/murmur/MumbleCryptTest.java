package dev.parley.bench.load.murmur;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Our OCB2-AES128 and nonce handling against the facts in Mumble 1.3.4's {@code src/tests/TestCrypt}:
 * the same key, nonces, inputs and expected ciphertexts and tags (from draft-krovetz-ocb-00), the same
 * replay, reordering, wrap-around, XEX* and tamper behaviour. If any of these fail, the load tool could
 * not talk to a real Murmur.
 */
class MumbleCryptTest {

    private static final byte[] KEY = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] NONCE = hex("ffeeddccbbaa99887766554433221100");

    @Test
    void emptyMessageHasTheDraftsTag() {
        byte[] tag = new byte[16];
        assertThat(new Ocb2(KEY).encrypt(new byte[0], 0, new byte[0], 0, 0, KEY, tag, true)).isTrue();
        assertThat(tag).isEqualTo(hex("BF31081307 73AD5EC70EC69E7875A7B0"));
    }

    @Test
    void fortyByteMessageHasTheDraftsCiphertextAndTag() {
        byte[] source = new byte[40];
        for (int i = 0; i < 40; i++) {
            source[i] = (byte) i;
        }
        byte[] crypt = new byte[40];
        byte[] tag = new byte[16];
        assertThat(new Ocb2(KEY).encrypt(source, 0, crypt, 0, 40, KEY, tag, true)).isTrue();
        assertThat(tag).isEqualTo(hex("9DB0CDF880F73E3E10D4EB3217766688"));
        assertThat(crypt).isEqualTo(hex("F75D6BC8B4DC8D66B836A2B08B32A636 9F1CD3C5228D79FD6C267F5F6AA7B231 C7DFB9D59951AE9C"));
    }

    @Test
    void everyLengthUpTo127RoundTripsWithMatchingTags() {
        Ocb2 ocb = new Ocb2(KEY);
        for (int len = 0; len < 128; len++) {
            byte[] src = new byte[len];
            for (int i = 0; i < len; i++) {
                src[i] = (byte) (i + 1);
            }
            byte[] encrypted = new byte[len];
            byte[] decrypted = new byte[len];
            byte[] encTag = new byte[16];
            byte[] decTag = new byte[16];
            assertThat(ocb.encrypt(src, 0, encrypted, 0, len, NONCE, encTag, true)).isTrue();
            assertThat(ocb.decrypt(encrypted, 0, decrypted, 0, len, NONCE, decTag)).as("length %d", len).isTrue();
            assertThat(decTag).as("tag, length %d", len).isEqualTo(encTag);
            assertThat(decrypted).as("plaintext, length %d", len).isEqualTo(src);
        }
    }

    @Test
    void xexStarForgeryIsDetectedAndAvoidedByFlippingABit() {
        Ocb2 ocb = new Ocb2(KEY);
        byte[] src = new byte[32];
        src[15] = (byte) 128; // first block = len(second block)
        Arrays.fill(src, 16, 32, (byte) 42);
        byte[] encrypted = new byte[32];
        byte[] encTag = new byte[16];
        boolean failedEncrypt = !ocb.encrypt(src, 0, encrypted, 0, 32, NONCE, encTag, false);

        encrypted[15] ^= (byte) 128;
        for (int i = 0; i < 16; i++) {
            encTag[i] = (byte) (src[16 + i] ^ encrypted[16 + i]);
        }
        byte[] decrypted = new byte[32];
        byte[] decTag = new byte[16];
        boolean failedDecrypt = !ocb.decrypt(encrypted, 0, decrypted, 0, 16, NONCE, decTag);

        assertThat(decTag).as("the forgery works on plain OCB2").isEqualTo(encTag);
        assertThat(failedEncrypt).isTrue();
        assertThat(failedDecrypt).isTrue();

        assertThat(ocb.encrypt(src, 0, encrypted, 0, 32, NONCE, encTag, true)).isTrue();
        assertThat(ocb.decrypt(encrypted, 0, decrypted, 0, 32, NONCE, decTag)).isTrue();
        assertThat(decTag).isEqualTo(encTag);
        assertThat(src[0]).isZero();
        assertThat(decrypted[0]).isEqualTo((byte) 1);
    }

    @Test
    void everyFlippedBitIsRefusedAndTheIntactPacketStillOpens() {
        byte[] msg = "It was a funky funky town!\0".getBytes(StandardCharsets.US_ASCII);
        CryptState.Encrypter enc = new CryptState.Encrypter(KEY, NONCE);
        CryptState.Decrypter dec = new CryptState.Decrypter(KEY, NONCE);
        byte[] encrypted = new byte[msg.length + 4];
        enc.encrypt(msg, 0, msg.length, encrypted);
        byte[] plain = new byte[msg.length];
        for (int i = 0; i < msg.length * 8; i++) {
            encrypted[i / 8] ^= (byte) (1 << (i % 8));
            assertThat(dec.decrypt(encrypted, encrypted.length, plain)).as("bit %d flipped", i).isEqualTo(-1);
            encrypted[i / 8] ^= (byte) (1 << (i % 8));
        }
        assertThat(dec.decrypt(encrypted, encrypted.length, plain)).isEqualTo(msg.length);
        assertThat(plain).isEqualTo(msg);
    }

    @Test
    void nonceRecoversFromLossAndWrapAroundButRefusesReplays() {
        byte[] key = random(16);
        byte[] iv = new byte[16];
        Arrays.fill(iv, (byte) 0x55);
        CryptState.Encrypter enc = new CryptState.Encrypter(key, iv);
        CryptState.Decrypter dec = new CryptState.Decrypter(key, iv);
        byte[] secret = "abcdefghi\0".getBytes(StandardCharsets.US_ASCII);
        byte[] crypted = new byte[14];
        byte[] plain = new byte[10];

        enc.encrypt(secret, 0, 10, crypted);
        assertThat(dec.decrypt(crypted, 14, plain)).isEqualTo(10);
        assertThat(plain).isEqualTo(secret);
        assertThat(dec.decrypt(crypted, 14, plain)).as("same nonce twice").isEqualTo(-1);

        for (int i = 0; i < 16; i++) {
            enc.encrypt(secret, 0, 10, crypted);
        }
        assertThat(dec.decrypt(crypted, 14, plain)).as("after 15 lost").isEqualTo(10);

        for (int i = 0; i < 128; i++) {
            dec.resetLost();
            for (int j = 0; j < 15; j++) {
                enc.encrypt(secret, 0, 10, crypted);
            }
            assertThat(dec.decrypt(crypted, 14, plain)).isEqualTo(10);
            assertThat(dec.lost()).isEqualTo(14);
        }
        assertThat(dec.iv()).isEqualTo(enc.iv());

        for (int i = 0; i < 257; i++) {
            enc.encrypt(secret, 0, 10, crypted);
        }
        assertThat(dec.decrypt(crypted, 14, plain)).as("wrapped too far").isEqualTo(-1);

        dec.setIv(enc.iv());
        enc.encrypt(secret, 0, 10, crypted);
        assertThat(dec.decrypt(crypted, 14, plain)).as("after resync").isEqualTo(10);
    }

    @Test
    void upToThirtyLatePacketsOpenButNotMoreAndNoneTwice() {
        byte[] key = random(16);
        byte[] iv = new byte[16];
        Arrays.fill(iv, (byte) 0x55);
        CryptState.Encrypter enc = new CryptState.Encrypter(key, iv);
        CryptState.Decrypter dec = new CryptState.Decrypter(key, iv);
        byte[] secret = "abcdefghi\0".getBytes(StandardCharsets.US_ASCII);
        byte[][] crypted = new byte[512][14];
        byte[] plain = new byte[10];

        for (int i = 0; i < 128; i++) {
            enc.encrypt(secret, 0, 10, crypted[i]);
        }
        int i;
        for (i = 0; i < 30; i++) {
            assertThat(dec.decrypt(crypted[127 - i], 14, plain)).as("late %d", i).isEqualTo(10);
        }
        for (; i < 128; i++) {
            assertThat(dec.decrypt(crypted[127 - i], 14, plain)).as("too late %d", i).isEqualTo(-1);
        }
        for (i = 0; i < 30; i++) {
            assertThat(dec.decrypt(crypted[127 - i], 14, plain)).as("replayed %d", i).isEqualTo(-1);
        }
        assertThat(dec.late()).isEqualTo(29);

        for (i = 0; i < 512; i++) {
            enc.encrypt(secret, 0, 10, crypted[i]);
        }
        for (i = 0; i < 512; i++) {
            assertThat(dec.decrypt(crypted[i], 14, plain)).isEqualTo(10);
        }
        for (i = 0; i < 512; i++) {
            assertThat(dec.decrypt(crypted[i], 14, plain)).as("replay %d", i).isEqualTo(-1);
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] hex(String text) {
        String digits = text.replace(" ", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
