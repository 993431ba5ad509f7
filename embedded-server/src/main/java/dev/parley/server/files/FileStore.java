package dev.parley.server.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room's files on disk, in the data folder: {@code files/ab/<sha256>} for the content (named by its
 * hash, so the same bytes are kept once), {@code files/ab/<sha256>.thumb} for an image's thumbnail, and
 * {@code files/uploads/<uploadId>.part} for uploads under way. Paths are built only from hex hashes and
 * validated upload ids, never from a name a client sent. Stateless apart from the folder; thread-safe
 * as far as the file system is (moves into place run on the database thread, one at a time).
 */
public final class FileStore {
    private static final Logger log = LoggerFactory.getLogger(FileStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final Path root;
    private final Path uploads;

    public FileStore(Path dataDir) {
        this.root = dataDir.resolve("files");
        this.uploads = root.resolve("uploads");
        try {
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + uploads, e);
        }
    }

    public Path blob(String sha256) {
        requireHash(sha256);
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public Path thumbnail(String sha256) {
        requireHash(sha256);
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".thumb");
    }

    public Path partial(String uploadId) {
        if (!UPLOAD_ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("bad upload id");
        }
        return uploads.resolve(uploadId + ".part");
    }

    /** A temporary file next to the uploads, for a thumbnail being made. */
    public Path scratch(String uploadId) {
        return partial(uploadId).resolveSibling(uploadId + ".thumb");
    }

    /** Moves {@code source} to {@code target} unless the target is there already (then drops the source). */
    public void moveIntoPlace(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.deleteIfExists(source);
            return;
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    public void delete(String sha256) {
        deleteQuietly(blob(sha256));
        deleteQuietly(thumbnail(sha256));
    }

    public void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // gone already: what we wanted
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    /** Uploads left from an earlier run (nobody can resume them now: upload ids live in memory). */
    public void clearUploads() {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(uploads)) {
            left.forEach(this::deleteQuietly);
        } catch (IOException e) {
            log.warn("Could not clear {}: {}", uploads, e.toString());
        }
    }

    /** Every content hash with a file on disk. */
    public Set<String> storedHashes() throws IOException {
        Set<String> hashes = new HashSet<>();
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(root, entry -> Files.isDirectory(entry)
                && entry.getFileName().toString().length() == 2)) {
            for (Path prefix : prefixes) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString().replace(".thumb", "");
                        if (SHA256.matcher(name).matches()) {
                            hashes.add(name);
                        }
                    }
                }
            }
        }
        return hashes;
    }

    private static void requireHash(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
    }
}
