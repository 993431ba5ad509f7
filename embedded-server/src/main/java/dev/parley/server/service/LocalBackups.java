package dev.parley.server.service;

import dev.parley.server.ServerException;
import dev.parley.server.db.Backup;
import dev.parley.server.db.Database;
import dev.parley.server.http.HttpEndpoint;
import dev.parley.server.storage.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Backups of a running room, asked for by {@code parley admin backup} on the same machine. The room
 * writes where to ask (its {@code POST /backup} URL) and a fresh random token into
 * {@value #ENDPOINT_FILE} in its owner-only data folder at start, and removes it when it stops; the
 * backup itself runs on the database executor, between the room's own writes.
 */
public final class LocalBackups implements AutoCloseable {
    public static final String ENDPOINT_FILE = "admin-endpoint";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Database database;
    private final Path dataDir;
    private final byte[] token;
    private volatile Path endpointFile;

    public LocalBackups(Database database, Path dataDir) {
        this.database = database;
        this.dataDir = dataDir;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).getBytes(StandardCharsets.ISO_8859_1);
    }

    public HttpEndpoint.BackupRoute route() {
        return new HttpEndpoint.BackupRoute(token.clone(), this::backupAsJson);
    }

    /** Tells the admin tool where to ask: called once the HTTP endpoint listens on {@code host:port}. */
    public void published(String host, int port) {
        String reachable = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "::1" : host;
        String url = "http://" + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + port + "/backup";
        Path file = dataDir.resolve(ENDPOINT_FILE);
        try {
            Files.writeString(file, url + "\n" + new String(token, StandardCharsets.ISO_8859_1) + "\n", StandardCharsets.UTF_8);
            OwnerOnly.secure(file);
        } catch (IOException e) {
            throw new ServerException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        endpointFile = file;
    }

    /** Writes a backup into {@code backups/} in the data folder and returns its path. */
    public Path backupNow() {
        if (database.kind() != Database.Kind.H2) {
            throw new ServerException(dev.parley.server.db.PostgresMarker.BACKUP_ADVICE);
        }
        Path zip = dataDir.resolve("backups").resolve("parley-backup-" + STAMP.format(java.time.Instant.now()) + ".zip");
        try {
            database.submit(c -> {
                try {
                    return Backup.write(c, dataDir, zip);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(10, TimeUnit.MINUTES);
            return zip;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while writing a backup", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ServerException("the backup failed: " + (e.getCause() != null ? e.getCause().getMessage() : e), e);
        }
    }

    private String backupAsJson() {
        Path zip = backupNow();
        String path = zip.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        try {
            return "{\"file\":\"" + path + "\",\"bytes\":" + Files.size(zip) + "}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Path file = endpointFile;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(LocalBackups.class).warn("Could not remove {}: {}", file, e.toString());
            }
        }
    }
}
