package dev.parley.bench.load.murmur;

import java.util.Arrays;

/**
 * Mumble's UDP packet crypto, one direction at a time: each datagram is {@code [nonce low byte,
 * tag0, tag1, tag2] + OCB2 ciphertext}. The sender increments its 16-byte nonce (little-endian) per
 * packet; the receiver rebuilds the full nonce from the low byte, accepting in-order packets, packets
 * after a gap (counted lost) and packets up to 30 behind (counted late, un-counting one lost), and
 * refusing replays through a 256-entry history, like Mumble 1.3's {@code CryptState}.
 *
 * <p>Split into {@link Encrypter} and {@link Decrypter} because the load tool encrypts on its sender
 * thread and decrypts on its receiver thread; each is single-threaded.
 */
public final class CryptState {

    public static final int HEADER_BYTES = 4;

    private CryptState() {
    }

    /** The sending side: key and the nonce this side encrypts with (Mumble's {@code encrypt_iv}). */
    public static final class Encrypter {
        private final Ocb2 ocb;
        private final byte[] iv;
        private final byte[] tag = new byte[Ocb2.BLOCK];

        public Encrypter(byte[] key, byte[] encryptIv) {
            ocb = new Ocb2(key);
            iv = checkedIv(encryptIv);
        }

        /** Encrypts {@code len} bytes of {@code plain} into {@code out} at 0; returns the datagram's length. */
        public int encrypt(byte[] plain, int plainOffset, int len, byte[] out) {
            for (int i = 0; i < Ocb2.BLOCK; i++) {
                if (++iv[i] != 0) {
                    break;
                }
            }
            ocb.encrypt(plain, plainOffset, out, HEADER_BYTES, len, iv, tag, true);
            out[0] = iv[0];
            out[1] = tag[0];
            out[2] = tag[1];
            out[3] = tag[2];
            return len + HEADER_BYTES;
        }

        /** A copy of the current nonce (tests). */
        public byte[] iv() {
            return iv.clone();
        }
    }

    /** The receiving side: key, the nonce the peer encrypts with, replay history and good/late/lost counts. */
    public static final class Decrypter {
        private final Ocb2 ocb;
        private final byte[] iv;
        private final byte[] saved = new byte[Ocb2.BLOCK];
        private final byte[] tag = new byte[Ocb2.BLOCK];
        private final byte[] history = new byte[256];
        private long good;
        private long late;
        private long lost;

        public Decrypter(byte[] key, byte[] decryptIv) {
            ocb = new Ocb2(key);
            iv = checkedIv(decryptIv);
        }

        /** Replaces the nonce (Mumble's resync through CryptSetup). */
        public void setIv(byte[] decryptIv) {
            System.arraycopy(checkedIv(decryptIv), 0, iv, 0, Ocb2.BLOCK);
        }

        /**
         * Decrypts a datagram of {@code length} bytes into {@code plain} at 0 and returns the plaintext
         * length, or -1 when it is too short, a replay, too far out of order, forged or corrupt (the
         * nonce state is then unchanged).
         */
        public int decrypt(byte[] datagram, int length, byte[] plain) {
            if (length < HEADER_BYTES) {
                return -1;
            }
            int plainLength = length - HEADER_BYTES;
            int ivByte = datagram[0] & 0xFF;
            int current = iv[0] & 0xFF;
            boolean restore = false;
            int lateNow = 0;
            int lostNow = 0;
            System.arraycopy(iv, 0, saved, 0, Ocb2.BLOCK);
            if (((current + 1) & 0xFF) == ivByte) {
                // In order, as expected.
                iv[0] = (byte) ivByte;
                if (ivByte < current) {
                    carryUp();
                } else if (ivByte == current) {
                    return -1;
                }
            } else {
                int diff = ivByte - current;
                if (diff > 128) {
                    diff -= 256;
                } else if (diff < -128) {
                    diff += 256;
                }
                if (ivByte < current && diff > -30 && diff < 0) {
                    // Late, no wrap-around.
                    lateNow = 1;
                    lostNow = -1;
                    iv[0] = (byte) ivByte;
                    restore = true;
                } else if (ivByte > current && diff > -30 && diff < 0) {
                    // Late from before the low byte wrapped (last was 0x02, this is 0xff).
                    lateNow = 1;
                    lostNow = -1;
                    iv[0] = (byte) ivByte;
                    borrowDown();
                    restore = true;
                } else if (ivByte > current && diff > 0) {
                    // A few lost, no wrap-around.
                    lostNow = ivByte - current - 1;
                    iv[0] = (byte) ivByte;
                } else if (ivByte < current && diff > 0) {
                    // A few lost across the wrap-around.
                    lostNow = 256 - current + ivByte - 1;
                    iv[0] = (byte) ivByte;
                    carryUp();
                } else {
                    return -1;
                }
                if (history[iv[0] & 0xFF] == iv[1]) {
                    System.arraycopy(saved, 0, iv, 0, Ocb2.BLOCK);
                    return -1;
                }
            }
            boolean ok = ocb.decrypt(datagram, HEADER_BYTES, plain, 0, plainLength, iv, tag);
            if (!ok || tag[0] != datagram[1] || tag[1] != datagram[2] || tag[2] != datagram[3]) {
                System.arraycopy(saved, 0, iv, 0, Ocb2.BLOCK);
                return -1;
            }
            history[iv[0] & 0xFF] = iv[1];
            if (restore) {
                System.arraycopy(saved, 0, iv, 0, Ocb2.BLOCK);
            }
            good++;
            late += lateNow;
            lost += lostNow;
            return plainLength;
        }

        private void carryUp() {
            for (int i = 1; i < Ocb2.BLOCK; i++) {
                if (++iv[i] != 0) {
                    break;
                }
            }
        }

        private void borrowDown() {
            for (int i = 1; i < Ocb2.BLOCK; i++) {
                if (iv[i]-- != 0) {
                    break;
                }
            }
        }

        public long good() {
            return good;
        }

        public long late() {
            return late;
        }

        public long lost() {
            return lost;
        }

        /** Resets the lost count (tests, as Mumble's own test does between rounds). */
        public void resetLost() {
            lost = 0;
        }

        /** A copy of the current nonce (tests). */
        public byte[] iv() {
            return iv.clone();
        }
    }

    private static byte[] checkedIv(byte[] iv) {
        if (iv == null || iv.length != Ocb2.BLOCK) {
            throw new IllegalArgumentException("a Mumble nonce has 16 bytes, got " + (iv == null ? "none" : iv.length));
        }
        return Arrays.copyOf(iv, Ocb2.BLOCK);
    }
}
