package dev.parley.server.support;

import dev.parley.server.db.Database;
import dev.parley.server.db.PostgresTarget;
import java.nio.file.Path;

/**
 * The database a test opens: H2 as the room ships, or PostgreSQL when the suite runs with
 * {@code -Dparley.test.database=postgresql} (see {@link TestPostgres}). Stateless.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** A private, empty, migrated database: H2 in memory, or a new PostgreSQL database. */
    public static Database fresh() {
        return TestPostgres.enabled() ? Database.openPostgres(TestPostgres.migratedDatabase()) : Database.openInMemory();
    }

    /**
     * As {@link #open}, but the room in {@code dataDir} starts from an empty database on PostgreSQL too (not
     * from the test server's migrated template), so opening it runs every migration.
     */
    public static Database openFromEmpty(Path dataDir) {
        return Database.open(dataDir, TestPostgres.enabled() ? TestPostgres.emptyDatabaseFor(dataDir) : null);
    }

    /** The database of the room in {@code dataDir}, as {@link dev.parley.server.ParleyServer} opens it. */
    public static Database open(Path dataDir) {
        return Database.open(dataDir, target(dataDir));
    }

    /** What {@link dev.parley.server.ServerConfig#database()} should say for a room in {@code dataDir}. */
    public static PostgresTarget target(Path dataDir) {
        return TestPostgres.enabled() ? TestPostgres.databaseFor(dataDir) : null;
    }

    /**
     * A headless server's command line, with {@code --database} added on the PostgreSQL run (the test
     * server trusts loopback, so the URL names only the user).
     */
    public static java.util.List<String> serverArgs(Path dataDir, String... command) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
        PostgresTarget target = target(dataDir);
        if (target != null) {
            args.add("--database");
            args.add(target.jdbcUrl() + (target.user() == null ? "" : "?user=" + target.user()));
        }
        return args;
    }

    /** Whether this run is against PostgreSQL. */
    public static boolean postgres() {
        return TestPostgres.enabled();
    }
}
