package dev.parley.server.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room's database, H2 (a file in the data folder, the default) or PostgreSQL: migrates the schema on open, hands out transactions and owns the bounded
 * executor all database work runs on. Thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /**
     * WRITE_DELAY=0: without it H2 loses about a second of committed rows on a hard kill (FIELD-NOTES).
     * DB_CLOSE_ON_EXIT=FALSE: the server closes the database itself, after the last write, in its own
     * shutdown hook; H2's hook would race it and close the file under queued work.
     * MAX_COMPACT_TIME=0: no compaction when the last connection closes; H2 2.3.232's chunk mover
     * trips its own assertion there (seen when a host stops its room), and free space is reused anyway.
     */
    private static final String FILE_URL_OPTIONS =
            ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=0;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private static final String MEM_URL_OPTIONS =
            ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    /**
     * One database thread: work completes in the order it was submitted, so chat messages are
     * acknowledged and broadcast in id order (a client never sees id 11 before 10 and then skips 10
     * when it catches up). Embedded H2 serialises writes anyway; 8k commits/s is ample for a room.
     */
    private static final int THREADS = 1;
    private static final int QUEUE_CAPACITY = 1_000;
    private static final int MAX_CONNECTIONS = 8;
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final String description;
    private final Kind kind;
    private final DataSource pool;
    /** Closes the pool: H2's {@code dispose()} or Hikari's {@code close()}. */
    private final Runnable disposePool;
    /**
     * H2 only: held open for the database's lifetime so H2 never closes it between short transactions.
     * Null for PostgreSQL, whose server keeps the database whether or not anyone is connected.
     */
    private final Connection keepAlive;
    private final ThreadPoolExecutor executor;
    private volatile boolean closed;

    /** Which engine holds the room's data: decides what only one of them can do (H2's BACKUP TO). */
    public enum Kind { H2, POSTGRESQL }

    private Database(Kind kind, DataSource pool, Runnable disposePool, String description) {
        this.description = description;
        this.kind = kind;
        this.pool = pool;
        this.disposePool = disposePool;
        try {
            this.keepAlive = kind == Kind.H2 ? pool.getConnection() : null;
        } catch (SQLException e) {
            disposePool.run();
            throw new StoreException("cannot open database " + description + ": " + e.getMessage(), e);
        }
        try {
            migrate();
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), new NamedThreadFactory(), new ThreadPoolExecutor.AbortPolicy());
        log.info("Database {} open", description);
    }

    private static Database h2(String url, String description) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        return new Database(Kind.H2, pool, pool::dispose, description);
    }

    /**
     * The room's database: the PostgreSQL one when {@code postgres} is given, else the H2 file in
     * {@code dataDir}. Migrates it either way.
     */
    public static Database open(Path dataDir, PostgresTarget postgres) {
        return postgres == null ? openFile(dataDir) : openPostgres(postgres);
    }

    /**
     * Connects to a PostgreSQL database (which must exist; the schema is created in it) through a
     * small pool and migrates it with the same scripts as H2.
     */
    public static Database openPostgres(PostgresTarget target) {
        Objects.requireNonNull(target, "target");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.jdbcUrl());
        if (target.user() != null) {
            config.setUsername(target.user());
        }
        if (target.password() != null) {
            config.setPassword(target.password());
        }
        config.setDriverClassName("org.postgresql.Driver");
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setPoolName("parley-db-pool");
        // Fail at start-up with the server's own words (wrong password, no such database) rather than later.
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException("cannot open database " + target.describe() + ": " + cause.getMessage(), e);
        }
        return new Database(Kind.POSTGRESQL, pool, pool::close, target.describe());
    }

    /** H2 or PostgreSQL. */
    public Kind kind() {
        return kind;
    }

    /** Opens (creating if needed) the file database {@code <dataDir>/parley.mv.db} and migrates it. */
    public static Database openFile(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create data folder " + dataDir + ": " + e.getMessage(), e);
        }
        Path base = dataDir.toAbsolutePath().resolve("parley");
        return h2("jdbc:h2:file:" + base + FILE_URL_OPTIONS, base.toString());
    }

    /** A fresh, private, migrated in-memory database; for tests. Dropped on {@link #close()}. */
    public static Database openInMemory() {
        String name = "parley-" + UUID.randomUUID();
        return h2("jdbc:h2:mem:" + name + MEM_URL_OPTIONS, "mem:" + name);
    }

    /**
     * Runs {@code work} in one transaction on a database thread. The future completes only after the
     * commit, so callers may acknowledge a write as soon as it completes. It fails with
     * {@link StoreException} on SQL errors or when the queue is full, or with whatever unchecked
     * exception the work threw (after rollback).
     */
    public <T> CompletableFuture<T> submit(SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(runInTransaction(work));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new StoreException(closed
                    ? "database is closed" : "database is overloaded: " + QUEUE_CAPACITY + " tasks queued", e));
        }
        return result;
    }

    /**
     * Runs {@code work} in one transaction on the calling thread and commits before returning. For
     * start-up code and tests; request handlers should use {@link #submit}.
     */
    public <T> T transact(SqlWork<T> work) {
        if (closed) {
            throw new StoreException("database is closed");
        }
        return runInTransaction(work);
    }

    /** No closed check: work accepted before {@link #close()} still runs while close drains the queue. */
    private <T> T runInTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T value = work.run(c);
                c.commit();
                return value;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database " + description + ": " + e.getMessage(), e);
        }
    }

    /** A value from the {@code server_settings} key-value table. */
    public Optional<String> setting(String key) {
        Objects.requireNonNull(key, "key");
        return transact(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT setting_value FROM server_settings WHERE setting_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Stores {@code value} unless the key already has one, and returns the value now stored. Safe when
     * two callers race: both get the same winner back.
     */
    public String putSettingIfAbsent(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return transact(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO server_settings (setting_key, setting_value) VALUES (?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, value);
                SqlSupport.insertIgnoringDuplicate(c, insert);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT setting_value FROM server_settings WHERE setting_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    /** Stores or replaces a setting (e.g. the room name after an admin renames the room). */
    public void putSetting(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        transact(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE server_settings SET setting_value = ? WHERE setting_key = ?")) {
                update.setString(1, value);
                update.setString(2, key);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO server_settings (setting_key, setting_value) VALUES (?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, value);
                if (!SqlSupport.insertIgnoringDuplicate(c, insert)) {
                    // A racing writer inserted first; last writer wins, as with a plain UPDATE.
                    try (PreparedStatement update = c.prepareStatement(
                            "UPDATE server_settings SET setting_value = ? WHERE setting_key = ?")) {
                        update.setString(1, value);
                        update.setString(2, key);
                        update.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** Lets queued work finish (up to a timeout), then closes the database. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Database work still running after {} s; closing anyway", CLOSE_TIMEOUT_SECONDS);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        closeQuietly();
        log.info("Database {} closed", description);
    }

    /**
     * The same scripts on H2 and PostgreSQL: they are written in SQL both accept (see V1's header). A
     * step that must differ would go in a per-database folder added to the locations here by {@link #kind}.
     */
    private void migrate() {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate database " + description + ": " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        if (keepAlive == null) {
            disposePool.run();
            return;
        }
        if (description.startsWith("mem:")) {
            // An in-memory database outlives its connections (DB_CLOSE_DELAY=-1): only SHUTDOWN frees it.
            try (Statement st = keepAlive.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                log.warn("Database {} did not shut down cleanly: {}", description, e.getMessage());
            }
        }
        // A file database closes cleanly when its last connection does. (SHUTDOWN first, then handing
        // the connection back, made the pool roll back on a closed database, which H2 wrote to a
        // parley.trace.db file beside the data at every stop.)
        try {
            keepAlive.close();
        } catch (SQLException e) {
            log.debug("Closing keep-alive connection failed", e);
        }
        disposePool.run();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.warn("Rollback failed: {}", e.getMessage());
        }
    }

    private static final class NamedThreadFactory implements ThreadFactory {
        private final AtomicInteger counter = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "parley-db-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
