package dev.parley.server.migrate;

import dev.parley.server.ServerException;
import dev.parley.server.db.Database;
import dev.parley.server.db.PostgresMarker;
import dev.parley.server.db.PostgresTarget;
import dev.parley.server.db.StoreException;
import dev.parley.server.service.LocalBackups;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Moves a stopped room's data from its H2 file to an empty PostgreSQL database: migrates the target
 * with the room's own Flyway scripts, copies every table in foreign-key order in one transaction, moves
 * the identity sequences past the copied ids, then compares row counts and a checksum per table. The
 * H2 file is only read (after the same schema upgrade a room start would do) and stays as it was.
 * Runs on the calling thread; one migration at a time per data folder (the H2 file lock sees to it).
 */
public final class RoomMigration {
    private static final int BATCH = 500;

    private final Path dataDir;
    private final PostgresTarget target;
    private final Consumer<String> progress;

    /** @param progress told, one line at a time, what the migration is doing (for the operator) */
    public RoomMigration(Path dataDir, PostgresTarget target, Consumer<String> progress) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.target = Objects.requireNonNull(target, "target");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** What was copied and how the identity sequences were set. */
    public record Result(String schemaVersion, List<TableCopy> tables, Map<String, Long> nextIds) {
    }

    /**
     * Runs the migration.
     *
     * @throws ServerException with a message for the operator when the room runs, the folder holds no
     *         H2 room, the target is not empty or not reachable, or the copy does not match
     */
    public Result run() {
        refuseUnlessStoppedH2Room();
        refuseUnlessEmpty();
        try (Database source = openSource()) {
            progress.accept("Creating the schema in " + target.describe() + " (Flyway)...");
            try (Database destination = openTarget()) {
                String version = sameSchemaVersion(source, destination);
                List<TableShape> tables = destination.transact(TableShape::inForeignKeyOrder);
                Map<String, Long> nextIds = destination.transact(tc -> source.transact(sc -> copy(sc, tc, tables)));
                List<TableCopy> copies = verify(source, destination, tables);
                List<TableCopy> wrong = copies.stream().filter(t -> !t.matches()).toList();
                if (!wrong.isEmpty()) {
                    throw new ServerException("The copy does not match the room's data in " + wrong.stream().map(TableCopy::table).toList()
                            + ". The H2 room is unchanged; drop and recreate the PostgreSQL database before trying again.");
                }
                PostgresMarker.record(dataDir, target);
                return new Result(version, copies, nextIds);
            }
        }
    }

    /**
     * A room that runs holds its H2 file (and announces its admin endpoint): copying from it would miss
     * what it writes afterwards. A room already on PostgreSQL has nothing here to move.
     */
    private void refuseUnlessStoppedH2Room() {
        var postgres = PostgresMarker.read(dataDir);
        if (postgres.isPresent()) {
            throw new ServerException("The room in " + dataDir.toAbsolutePath() + " already keeps its data in PostgreSQL ("
                    + postgres.get() + "): there is nothing to migrate.");
        }
        if (!Files.exists(dataDir.resolve("parley.mv.db"))) {
            throw new ServerException("No room in " + dataDir.toAbsolutePath() + " (no parley.mv.db): give its data folder with --from.");
        }
        Path endpoint = dataDir.resolve(LocalBackups.ENDPOINT_FILE);
        if (Files.exists(endpoint) && answers(endpoint)) {
            throw new ServerException("The room in " + dataDir.toAbsolutePath() + " is running: stop it first, so that nothing "
                    + "it writes during the copy is lost.");
        }
    }

    /** Whether the room that wrote {@code endpointFile} still answers on its HTTP port (a stale file after a crash does not). */
    private static boolean answers(Path endpointFile) {
        try {
            String backupUrl = Files.readAllLines(endpointFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            URI health = URI.create(backupUrl.replaceFirst("/backup$", "/health"));
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() > 0;
        } catch (ConnectException e) {
            return false;
        } catch (IOException | IllegalArgumentException e) {
            return true; // something answers oddly or the file is damaged: safer to assume the room runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while checking whether the room runs", e);
        }
    }

    /**
     * The target must hold no data: either no tables at all (a database fresh from {@code createdb}),
     * or the empty Parley schema a failed earlier attempt left (its only row the lobby Flyway creates).
     */
    private void refuseUnlessEmpty() {
        Properties login = new Properties();
        if (target.user() != null) {
            login.setProperty("user", target.user());
        }
        if (target.password() != null) {
            login.setProperty("password", target.password());
        }
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), login)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            if (tables.isEmpty()) {
                return;
            }
            if (!tables.contains(TableShape.FLYWAY_HISTORY)) {
                throw new ServerException("The database " + target.describe() + " already holds tables " + tables
                        + " that are not a Parley room's: migrate into a new, empty database (e.g. createdb parley).");
            }
            List<String> withRows = new ArrayList<>();
            for (String table : tables) {
                if (table.equals(TableShape.FLYWAY_HISTORY)) {
                    continue;
                }
                long rows = count(c, table);
                if (rows > (table.equals("channels") ? 1 : 0)) {
                    withRows.add(table + " (" + rows + " rows)");
                }
            }
            if (!withRows.isEmpty()) {
                throw new ServerException("The database " + target.describe() + " already holds a room's data: " + withRows
                        + ". Migrate into a new, empty database (e.g. createdb parley); nothing was changed.");
            }
        } catch (SQLException e) {
            throw new ServerException("Cannot connect to " + target.describe() + ": " + e.getMessage(), e);
        }
    }

    private Database openSource() {
        try {
            return Database.openFile(dataDir);
        } catch (StoreException e) {
            if (String.valueOf(e.getMessage()).contains("already in use")) {
                throw new ServerException("The room in " + dataDir.toAbsolutePath()
                        + " is running (its database is in use): stop it first.", e);
            }
            throw e;
        }
    }

    private Database openTarget() {
        try {
            return Database.openPostgres(target);
        } catch (StoreException e) {
            throw new ServerException(e.getMessage(), e);
        }
    }

    private static String sameSchemaVersion(Database source, Database destination) {
        String from = source.transact(RoomMigration::schemaVersion);
        String to = destination.transact(RoomMigration::schemaVersion);
        if (!from.equals(to)) {
            throw new ServerException("The H2 room's schema is at version " + from + " but PostgreSQL's at " + to
                    + ": use the same Parley version for both.");
        }
        return from;
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + TableShape.FLYWAY_HISTORY
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }

    /** Copies every table from {@code from} to {@code to}, then sets the sequences; returns each table's next id. */
    private Map<String, Long> copy(Connection from, Connection to, List<TableShape> tables) throws SQLException {
        // The only rows the fresh schema holds are Flyway's seed (the lobby); the room's own rows replace them.
        for (int i = tables.size() - 1; i >= 0; i--) {
            try (Statement st = to.createStatement()) {
                st.executeUpdate("DELETE FROM " + tables.get(i).name());
            }
        }
        for (TableShape table : tables) {
            long rows = table.selfParent() == null ? copyStreaming(from, to, table) : copyParentsFirst(from, to, table);
            progress.accept(String.format("  copied %-30s %,d rows", table.name(), rows));
        }
        return setSequences(from, to);
    }

    private static long copyStreaming(Connection from, Connection to, TableShape table) throws SQLException {
        long rows = 0;
        try (PreparedStatement read = from.prepareStatement("SELECT " + table.columnList() + " FROM " + table.name());
                PreparedStatement write = to.prepareStatement(insertSql(table))) {
            read.setFetchSize(BATCH);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    bind(write, table, readRow(rs, table));
                    write.addBatch();
                    if (++rows % BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        }
        return rows;
    }

    /** A table whose rows point to its own rows (channels to their parent): parents go in before their children. */
    private static long copyParentsFirst(Connection from, Connection to, TableShape table) throws SQLException {
        List<Object[]> pending = new ArrayList<>();
        try (PreparedStatement read = from.prepareStatement("SELECT " + table.columnList() + " FROM " + table.name());
                ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                pending.add(readRow(rs, table));
            }
        }
        int idIndex = columnIndex(table, "id");
        int parentIndex = columnIndex(table, table.selfParent());
        Set<Object> inserted = new HashSet<>();
        long rows = 0;
        try (PreparedStatement write = to.prepareStatement(insertSql(table))) {
            while (!pending.isEmpty()) {
                List<Object[]> ready = pending.stream()
                        .filter(row -> row[parentIndex] == null || inserted.contains(row[parentIndex])).toList();
                if (ready.isEmpty()) {
                    throw new SQLException(table.name() + " holds rows whose " + table.selfParent() + " points to no row");
                }
                for (Object[] row : ready) {
                    bind(write, table, row);
                    write.executeUpdate();
                    inserted.add(row[idIndex]);
                    rows++;
                }
                pending.removeAll(ready);
            }
        }
        return rows;
    }

    /**
     * Moves each identity sequence to where H2's stood (past the highest id, and past ids H2 handed out
     * to rows since deleted, so an old id never names a new row).
     */
    private static Map<String, Long> setSequences(Connection from, Connection to) throws SQLException {
        Map<String, Long> next = new LinkedHashMap<>();
        try (PreparedStatement ps = to.prepareStatement("SELECT table_name, column_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                String column = rs.getString(2);
                long value = Math.max(maxPlusOne(to, table, column), h2NextValue(from, table, column));
                try (PreparedStatement set = to.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, false)")) {
                    set.setString(1, table);
                    set.setString(2, column);
                    set.setLong(3, value);
                    set.executeQuery().close();
                }
                next.put(table + "." + column, value);
            }
        }
        return next;
    }

    private static long maxPlusOne(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The value H2's identity would hand out next (its IDENTITY_BASE); 1 when H2 does not say. */
    private static long h2NextValue(Connection h2, String table, String column) throws SQLException {
        try (PreparedStatement ps = h2.prepareStatement("SELECT identity_base FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND LOWER(table_name) = ? AND LOWER(column_name) = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long value = rs.getLong(1);
                    return rs.wasNull() ? 1 : value;
                }
                return 1;
            }
        }
    }

    private static List<TableCopy> verify(Database source, Database destination, List<TableShape> tables) {
        List<TableCopy> copies = new ArrayList<>();
        for (TableShape table : tables) {
            TableChecksum.Result from = source.transact(c -> TableChecksum.of(c, table));
            TableChecksum.Result to = destination.transact(c -> TableChecksum.of(c, table));
            copies.add(new TableCopy(table.name(), from.rows(), to.rows(), from.checksum(), to.checksum()));
        }
        return List.copyOf(copies);
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String insertSql(TableShape table) {
        return "INSERT INTO " + table.name() + " (" + table.columnList() + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?")) + ")";
    }

    /** One row in values both drivers take back: timestamps as OffsetDateTime (H2 would otherwise give its own types). */
    private static Object[] readRow(ResultSet rs, TableShape table) throws SQLException {
        Object[] row = new Object[table.columns().size()];
        for (int i = 0; i < row.length; i++) {
            TableShape.Column column = table.columns().get(i);
            row[i] = column.isTimestamp() ? rs.getObject(i + 1, java.time.OffsetDateTime.class) : rs.getObject(i + 1);
        }
        return row;
    }

    private static void bind(PreparedStatement write, TableShape table, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                write.setNull(i + 1, table.columns().get(i).jdbcType());
            } else {
                write.setObject(i + 1, row[i]);
            }
        }
    }

    private static int columnIndex(TableShape table, String name) throws SQLException {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new SQLException(table.name() + " has no column " + name);
    }
}
