package dev.parley.server.db;

import dev.parley.server.ServerException;
import dev.parley.server.storage.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A note in the data folder of a room whose data lives in PostgreSQL, so that the admin tool, which
 * works on the folder, can say so (and point to {@code pg_dump}) instead of "no room here". It names
 * the database (URL and user, never the password). Written at every start; removed when the room
 * starts on H2 again. Stateless.
 */
public final class PostgresMarker {
    public static final String FILE = "postgresql-database";
    public static final String BACKUP_ADVICE = "This room keeps its data in PostgreSQL: back the database up with pg_dump "
            + "(e.g. pg_dump --format=custom --file=parley.dump DATABASE) and copy the room certificate ("
            + dev.parley.server.tls.TlsIdentity.FILE + ") from the data folder; restore with pg_restore into an empty "
            + "database and the certificate into a new data folder.";

    private PostgresMarker() {
    }

    /** Notes {@code target} in {@code dataDir}, or removes the note when the room runs on H2. */
    public static void record(Path dataDir, PostgresTarget target) {
        Path file = dataDir.resolve(FILE);
        try {
            if (target == null) {
                Files.deleteIfExists(file);
            } else {
                Files.writeString(file, target.describe() + "\n", StandardCharsets.UTF_8);
                OwnerOnly.secure(file);
            }
        } catch (IOException e) {
            throw new ServerException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The PostgreSQL database the room in {@code dataDir} last ran on, if it did. */
    public static Optional<String> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new ServerException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
