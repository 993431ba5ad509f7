package dev.parley.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes layer tars the same way every time: entries sorted by path, every time stamp the same fixed
 * instant, owners by number only, so the same files give the same digests (a rebuild that changed
 * nothing is not a new image). Stateless.
 */
public final class LayerWriter {
    /** Every entry's modification time: 2000-01-01T00:00:00Z (some tools treat 0 as "unknown"). */
    static final long FIXED_MTIME_SECONDS = 946_684_800L;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIRECTORY = 040000;
    private static final int TYPE_SYMLINK = 0120000;

    private LayerWriter() {
    }

    public static Layer write(List<LayerEntry> entries, String comment) throws IOException {
        List<LayerEntry> sorted = entries.stream().sorted(Comparator.comparing(LayerEntry::path)).toList();
        Set<String> seen = new HashSet<>();
        for (LayerEntry entry : sorted) {
            if (!seen.add(entry.path())) {
                throw new IllegalArgumentException("two entries for " + entry.path());
            }
        }
        MessageDigest compressed = sha256();
        MessageDigest uncompressed = sha256();
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(new DigestOutputStream(blob, compressed), 64 * 1024);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gzip, uncompressed))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (LayerEntry entry : sorted) {
                writeEntry(tar, entry);
            }
            tar.finish();
        }
        return new Layer(blob.toByteArray(), "sha256:" + hex(compressed), "sha256:" + hex(uncompressed), comment);
    }

    private static void writeEntry(TarArchiveOutputStream tar, LayerEntry entry) throws IOException {
        TarArchiveEntry tarEntry = switch (entry.type()) {
            case DIRECTORY -> new TarArchiveEntry(entry.path() + "/", TarConstants.LF_DIR, true);
            case SYMLINK -> {
                TarArchiveEntry link = new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK, true);
                link.setLinkName(entry.linkTarget());
                yield link;
            }
            case FILE -> {
                TarArchiveEntry file = new TarArchiveEntry(entry.path(), TarConstants.LF_NORMAL, true);
                file.setSize(Files.size(entry.source()));
                yield file;
            }
        };
        int typeBits = switch (entry.type()) {
            case DIRECTORY -> TYPE_DIRECTORY;
            case SYMLINK -> TYPE_SYMLINK;
            case FILE -> TYPE_FILE;
        };
        tarEntry.setMode(typeBits | entry.mode());
        tarEntry.setUserId(entry.uid());
        tarEntry.setGroupId(entry.gid());
        tarEntry.setUserName("");
        tarEntry.setGroupName("");
        tarEntry.setModTime(FIXED_MTIME_SECONDS * 1000);
        tar.putArchiveEntry(tarEntry);
        if (entry.type() == LayerEntry.Type.FILE) {
            Files.copy(entry.source(), tar);
        }
        tar.closeArchiveEntry();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
