package dev.parley.client.core.e2e;

import dev.parley.protocol.e2e.IdentityKeyPair;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * This desktop's identity keys, one per (room, account), in a folder only its owner may read: the private
 * half of each never leaves it. Also where the identity keys a user verified are kept
 * ({@link VerifiedPeers}). Made once and kept: a new identity key means every shared-key channel must
 * give this account its copy again.
 */
public final class IdentityStore {
    private final Path folder;

    public IdentityStore(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The identity of {@code username} in the room {@code roomKey} (host:port), made on first use. */
    public synchronized IdentityKeyPair identity(String roomKey, String username) throws IOException {
        Path file = folder.resolve(fileName(roomKey, username) + ".key");
        if (Files.isRegularFile(file)) {
            Properties saved = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                saved.load(reader);
            }
            try {
                return IdentityKeyPair.restore(Base64.getDecoder().decode(saved.getProperty("private", "")),
                        saved.getProperty("public", ""));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException("The identity key in " + file + " is damaged (" + e.getMessage()
                        + "); move the file away to make a new one.", e);
            }
        }
        IdentityKeyPair made = IdentityKeyPair.generate();
        Properties saved = new Properties();
        saved.setProperty("room", roomKey);
        saved.setProperty("user", username);
        saved.setProperty("public", made.publicKey());
        saved.setProperty("private", Base64.getEncoder().encodeToString(made.privateKeyPkcs8()));
        StringWriter text = new StringWriter();
        saved.store(text, "Parley identity key: keep private");
        writeOwnerOnly(file, text.toString());
        return made;
    }

    /** The verified keys of the people in the room {@code roomKey}. */
    public VerifiedPeers verifiedPeers(String roomKey) {
        return new VerifiedPeers(folder.resolve(fileName(roomKey, "") + ".verified"));
    }

    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.deleteIfExists(part);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(part, text, StandardCharsets.UTF_8);
        try {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        }
        return properties;
    }

    private static String fileName(String roomKey, String username) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (roomKey + "|" + username.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
