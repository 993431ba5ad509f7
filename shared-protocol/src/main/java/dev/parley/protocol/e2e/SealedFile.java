package dev.parley.protocol.e2e;

import dev.parley.protocol.control.model.FileInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A file in an end-to-end encrypted channel, as the server stores and serves it. The content is sealed
 * in segments, the way Tink's and libsodium's streaming AEADs do it ("STREAM"), so a file of any size
 * is sealed and opened with one segment in memory and every segment is checked before its bytes are
 * used:
 * <pre>
 *   header   = "PE2F" ‖ version 0x01 ‖ epoch (uint32, big-endian) ‖ nonce prefix (8 random bytes)   17 bytes
 *   segment i = AES-256-GCM(file key, nonce = prefix ‖ i (uint32, big-endian),
 *                           plaintext bytes [i·65536, (i+1)·65536), ad = base ‖ header ‖ last)    + 16-byte tag
 *   base     = "parley-file-v1|" channelId "|" authorId "|" epoch "|" sealed name   (ASCII)
 *   last     = 0x01 for the final segment, 0x00 for every other
 * </pre>
 * Every segment but the last holds exactly {@value #SEGMENT_BYTES} plaintext bytes; the last holds 0 to
 * {@value #SEGMENT_BYTES} (an empty file is one empty last segment). The counter in the nonce catches
 * reordered segments, the last flag a file cut at a segment boundary, the random prefix segments swapped
 * in from another file, and the additional data a file moved to another channel, shown under another
 * author or another (sealed) name. The name is sealed like chat text ({@link SealedText}'s
 * {@code e2e1.<epoch>.<base64url>}) under the same file key, with its own additional data, so a sealed
 * name can never pass for a chat message or the other way round. Stateless; thread-safe.
 */
public final class SealedFile {
    /** Plaintext bytes per segment (all but the last segment are this long). */
    public static final int SEGMENT_BYTES = 64 * 1024;
    /** Magic bytes, version, epoch, nonce prefix. */
    public static final int HEADER_BYTES = 17;
    public static final int TAG_BYTES = 16;
    /** The smallest sealed file: the header and one empty last segment. */
    public static final int MIN_SEALED_BYTES = HEADER_BYTES + TAG_BYTES;
    /** The longest plain name (UTF-8 bytes) whose sealed form fits {@link FileInfo#MAX_NAME}: 152. */
    public static final int MAX_NAME_BYTES = SealedText.maxPlaintextBytes(FileInfo.MAX_NAME);

    private static final byte[] MAGIC = {'P', 'E', '2', 'F'};
    private static final byte VERSION = 1;
    private static final int PREFIX_BYTES = 8;
    private static final int SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A sealed file (or name) that does not open: another key or epoch, another place, or altered. */
    public static final class Unreadable extends GeneralSecurityException {
        public Unreadable(String message) {
            super(message);
        }
    }

    private SealedFile() {
    }

    /** How many bytes sealing {@code plainBytes} bytes makes: 17 + plain + 16 per segment. */
    public static long sealedSize(long plainBytes) {
        long segments = Math.max(1, (plainBytes + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
        return HEADER_BYTES + plainBytes + segments * TAG_BYTES;
    }

    /** How many plaintext bytes a well-formed sealed file of {@code sealedBytes} bytes holds (the inverse of {@link #sealedSize}). */
    public static long plainSize(long sealedBytes) {
        long body = sealedBytes - HEADER_BYTES;
        if (body < TAG_BYTES) {
            return 0;
        }
        long segments = (body + SEALED_SEGMENT_BYTES - 1) / SEALED_SEGMENT_BYTES;
        return body - segments * TAG_BYTES;
    }

    /**
     * The key epoch a sealed file's first bytes name, or empty when they are not a sealed-file header of
     * this version. Cheap; no crypto: the server checks an upload into an encrypted channel with it.
     */
    public static Optional<Integer> epochOf(byte[] firstBytes) {
        if (firstBytes.length < HEADER_BYTES || !Arrays.equals(firstBytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || firstBytes[MAGIC.length] != VERSION) {
            return Optional.empty();
        }
        int epoch = ByteBuffer.wrap(firstBytes, MAGIC.length + 1, 4).getInt();
        return epoch >= 1 ? Optional.of(epoch) : Optional.empty();
    }

    /**
     * A file name as it can be sealed: the name itself when it fits {@link #MAX_NAME_BYTES}, else cut in
     * the middle (keeping the extension, whole characters only) so that its sealed form still fits the
     * room's name field.
     */
    public static String fitName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int budget = MAX_NAME_BYTES - extension.getBytes(StandardCharsets.UTF_8).length - "…".getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int codePoint = stem.codePointAt(i);
            int bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += bytes;
            i += Character.charCount(codePoint);
        }
        return kept + "…" + extension;
    }

    /** Seals a file name (first fitted with {@link #fitName}); the result is at most {@link FileInfo#MAX_NAME} characters. */
    public static String sealName(ChannelKey key, long authorId, String name) {
        return SealedText.seal(key.fileKey(), key.epoch(), nameData(key, authorId), fitName(name));
    }

    /** The plain name, or empty when {@code sealedName} does not open under {@code key} for this author. */
    public static Optional<String> openName(ChannelKey key, long authorId, String sealedName) {
        return SealedText.open(key.fileKey(), key.epoch(), nameData(key, authorId), sealedName);
    }

    /**
     * Seals all of {@code in} into {@code out}, for a file posted by {@code authorId} under {@code sealedName}
     * (from {@link #sealName}). Reads ahead one segment to know which is the last; closes neither stream.
     */
    public static void seal(ChannelKey key, long authorId, String sealedName, InputStream in, OutputStream out)
            throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        ByteBuffer.wrap(header).put(MAGIC).put(VERSION).putInt(key.epoch());
        byte[] prefix = new byte[PREFIX_BYTES];
        RANDOM.nextBytes(prefix);
        System.arraycopy(prefix, 0, header, MAGIC.length + 5, PREFIX_BYTES);
        out.write(header);
        Segments segments = new Segments(key, authorId, sealedName, header, Cipher.ENCRYPT_MODE);
        byte[] current = in.readNBytes(SEGMENT_BYTES);
        while (true) {
            byte[] next = current.length < SEGMENT_BYTES ? new byte[0] : in.readNBytes(SEGMENT_BYTES);
            boolean last = next.length == 0;
            try {
                out.write(segments.next(current, last));
            } catch (Unreadable e) {
                throw new IllegalStateException("sealing cannot fail a tag check", e);
            }
            if (last) {
                return;
            }
            current = next;
        }
    }

    /**
     * Opens all of {@code in} (a sealed file) into {@code out}. Each segment is written only once its tag
     * checks, but a file cut short or altered further on is found only at that segment: {@code out} may then
     * hold the leading plaintext, so write to a scratch place and keep it only when this returns.
     *
     * @throws Unreadable when the file is not sealed with {@code key} (another epoch or passphrase), was
     *                    sealed for another channel, author or name, or was altered, cut or reordered
     */
    public static void open(ChannelKey key, long authorId, String sealedName, InputStream in, OutputStream out)
            throws IOException, Unreadable {
        byte[] header = in.readNBytes(HEADER_BYTES);
        Optional<Integer> epoch = epochOf(header);
        if (epoch.isEmpty()) {
            throw new Unreadable("This is not an end-to-end encrypted file (no sealed-file header).");
        }
        if (epoch.get() != key.epoch()) {
            throw new Unreadable("This file was sealed with the key of epoch " + epoch.get()
                    + ", not the key of epoch " + key.epoch() + ".");
        }
        Segments segments = new Segments(key, authorId, sealedName, header, Cipher.DECRYPT_MODE);
        byte[] current = in.readNBytes(SEALED_SEGMENT_BYTES);
        while (true) {
            byte[] next = current.length < SEALED_SEGMENT_BYTES ? new byte[0] : in.readNBytes(SEALED_SEGMENT_BYTES);
            boolean last = next.length == 0;
            if (current.length < TAG_BYTES) {
                throw new Unreadable("The encrypted file is cut short.");
            }
            out.write(segments.next(current, last));
            if (last) {
                return;
            }
            current = next;
        }
    }

    /** {@link #seal(ChannelKey, long, String, InputStream, OutputStream)} in memory. */
    public static byte[] seal(ChannelKey key, long authorId, String sealedName, byte[] plaintext) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                sealedSize(plaintext.length)));
        try {
            seal(key, authorId, sealedName, new ByteArrayInputStream(plaintext), out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory streams do not fail", e);
        }
        return out.toByteArray();
    }

    /** {@link #open(ChannelKey, long, String, InputStream, OutputStream)} in memory: all or nothing. */
    public static byte[] open(ChannelKey key, long authorId, String sealedName, byte[] sealed) throws Unreadable {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, sealed.length - MIN_SEALED_BYTES));
        try {
            open(key, authorId, sealedName, new ByteArrayInputStream(sealed), out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory streams do not fail", e);
        }
        return out.toByteArray();
    }

    private static byte[] nameData(ChannelKey key, long authorId) {
        return ("parley-file-name-v1|" + key.channelId() + "|" + authorId + "|" + key.epoch())
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Seals or opens one file's segments in order; confined to the thread sealing or opening that file. */
    private static final class Segments {
        private final ChannelKey key;
        private final int mode;
        private final byte[] additionalData;
        private final byte[] nonce = new byte[12];
        private final Cipher cipher;
        private int counter;

        Segments(ChannelKey key, long authorId, String sealedName, byte[] header, int mode) {
            this.key = key;
            this.mode = mode;
            byte[] base = ("parley-file-v1|" + key.channelId() + "|" + authorId + "|" + key.epoch() + "|" + sealedName)
                    .getBytes(StandardCharsets.UTF_8);
            this.additionalData = ByteBuffer.allocate(base.length + HEADER_BYTES + 1).put(base).put(header).array();
            System.arraycopy(header, MAGIC.length + 5, nonce, 0, PREFIX_BYTES);
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is part of every Java 17 runtime", e);
            }
        }

        byte[] next(byte[] input, boolean last) throws Unreadable {
            if (counter == -1) {
                throw new Unreadable("The encrypted file has more than 2^32 - 1 segments.");
            }
            ByteBuffer.wrap(nonce, PREFIX_BYTES, 4).putInt(counter);
            additionalData[additionalData.length - 1] = (byte) (last ? 1 : 0);
            try {
                cipher.init(mode, key.fileKey(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
                cipher.updateAAD(additionalData);
                byte[] output = cipher.doFinal(input);
                counter++;
                return output;
            } catch (javax.crypto.AEADBadTagException e) {
                throw new Unreadable(counter == 0
                        ? "The file does not open with this key (another passphrase, another place, or altered)."
                        : "The encrypted file was altered, cut short or reordered (segment " + counter + ").");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is part of every Java 17 runtime", e);
            }
        }
    }
}
