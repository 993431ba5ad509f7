package dev.parley.server.db;

import dev.parley.server.ServerException;
import dev.parley.server.storage.OwnerOnly;
import dev.parley.server.tls.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A room's backup: one zip holding a consistent copy of its database (H2's {@code BACKUP TO}, which
 * runs while the room keeps writing) and its certificate, so a restored room shows the same
 * fingerprint and nobody's client refuses it. Owner-only, like the data folder: it holds the
 * certificate's private key and every password hash.
 */
public final class Backup {
    public static final String DATABASE_ENTRY = "parley.mv.db";
    private static final Set<String> ENTRIES = Set.of(DATABASE_ENTRY, TlsIdentity.FILE);

    private Backup() {
    }

    /** Writes the backup of the room whose database {@code c} belongs to; returns its size in bytes. */
    public static long write(Connection c, Path dataDir, Path zip) throws SQLException, IOException {
        Path target = zip.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path h2Copy = Files.createTempFile(target.getParent(), "h2-backup-", ".zip");
        Path partial = Files.createTempFile(target.getParent(), "backup-", ".partial");
        try {
            try (Statement statement = c.createStatement()) {
                statement.execute("BACKUP TO '" + h2Copy.toString().replace("'", "''") + "'");
            }
            try (ZipFile database = new ZipFile(h2Copy.toFile());
                    ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
                ZipEntry entry = database.getEntry(DATABASE_ENTRY);
                if (entry == null) {
                    throw new IOException("H2's backup holds no " + DATABASE_ENTRY);
                }
                copyEntry(DATABASE_ENTRY, database.getInputStream(entry), out);
                Path certificate = dataDir.resolve(TlsIdentity.FILE);
                if (Files.exists(certificate)) {
                    copyEntry(TlsIdentity.FILE, Files.newInputStream(certificate), out);
                }
            }
            OwnerOnly.secure(partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(target);
        } finally {
            Files.deleteIfExists(h2Copy);
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Unpacks a backup into {@code dataDir}, which must not hold a room yet; then a room started on
     * that folder is the room as it was backed up.
     */
    public static void restore(Path zip, Path dataDir) throws IOException {
        if (Files.exists(dataDir.resolve(DATABASE_ENTRY))) {
            throw new ServerException(dataDir.toAbsolutePath() + " already holds a room: restore into a new, empty folder.");
        }
        try (ZipFile check = new ZipFile(zip.toFile())) {
            Set<String> names = new java.util.TreeSet<>();
            for (Enumeration<? extends ZipEntry> e = check.entries(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
            if (!names.contains(DATABASE_ENTRY) || !ENTRIES.containsAll(names)) {
                throw new ServerException(zip + " is not a Parley backup (it holds " + names + ").");
            }
        } catch (java.util.zip.ZipException e) {
            throw new ServerException(zip + " is not a Parley backup: " + e.getMessage(), e);
        }
        Files.createDirectories(dataDir);
        OwnerOnly.secureFolder(dataDir);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                // Only the two known names are ever written, so no entry can point outside the folder.
                Path file = dataDir.resolve(ENTRIES.stream().filter(entry.getName()::equals).findFirst().orElseThrow());
                Files.copy(in, file);
                OwnerOnly.secure(file);
            }
        }
    }

    private static void copyEntry(String name, InputStream from, ZipOutputStream out) throws IOException {
        try (InputStream in = from) {
            out.putNextEntry(new ZipEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
