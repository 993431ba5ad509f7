package dev.parley.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.support.TestDatabases;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void migrationRunsOnEmptyFolderAndAgainOnRestart() {
        try (Database db = TestDatabases.openFromEmpty(dataDir)) {
            assertThat(countRows(db, "SELECT COUNT(*) FROM channels")).isEqualTo(1);
        }
        try (Database db = TestDatabases.open(dataDir)) {
            assertThat(countRows(db, "SELECT COUNT(*) FROM channels")).isEqualTo(1);
            assertThat(countRows(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success = TRUE")).isEqualTo(1);
        }
        if (!TestDatabases.postgres()) {
            assertThat(dataDir.resolve("parley.mv.db")).exists();
        }
    }

    @Test
    void settingsSurviveCloseAndReopen() {
        try (Database db = TestDatabases.open(dataDir)) {
            assertThat(db.putSettingIfAbsent("room.name", "Friday LAN")).isEqualTo("Friday LAN");
        }
        try (Database db = TestDatabases.open(dataDir)) {
            assertThat(db.setting("room.name")).contains("Friday LAN");
        }
    }

    @Test
    void putSettingIfAbsentKeepsTheFirstValue() {
        try (Database db = TestDatabases.fresh()) {
            assertThat(db.putSettingIfAbsent("jwt.secret", "first")).isEqualTo("first");
            assertThat(db.putSettingIfAbsent("jwt.secret", "second")).isEqualTo("first");
            assertThat(db.setting("jwt.secret")).contains("first");
            assertThat(db.setting("missing")).isEmpty();
        }
    }

    @Test
    void putSettingReplacesTheValue() {
        try (Database db = TestDatabases.fresh()) {
            db.putSetting("room.name", "One");
            db.putSetting("room.name", "Two");
            assertThat(db.setting("room.name")).contains("Two");
        }
    }

    @Test
    void submitRunsWorkOnANamedDatabaseThread() throws Exception {
        try (Database db = TestDatabases.fresh()) {
            String thread = db.submit(c -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
            assertThat(thread).startsWith("parley-db-");
        }
    }

    @Test
    void sqlFailureSurfacesAsStoreExceptionAndRollsBack() {
        try (Database db = TestDatabases.fresh()) {
            var future = db.submit(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO server_settings (setting_key, setting_value) VALUES ('k', 'v')")) {
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM no_such_table")) {
                    ps.executeQuery();
                }
                return null;
            });
            assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(StoreException.class);
            assertThat(db.setting("k")).isEmpty();
        }
    }

    @Test
    void closeDrainsQueuedWorkAndThenRefusesMore() {
        Database db = TestDatabases.fresh();
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Integer>>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            futures.add(db.submit(c -> n));
        }
        db.close();
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(futures.get(49).join()).isEqualTo(49);
        assertThatThrownBy(() -> db.submit(c -> 1).join()).hasCauseInstanceOf(StoreException.class);
    }

    @Test
    void inMemoryDatabasesArePrivate() {
        try (Database a = TestDatabases.fresh(); Database b = TestDatabases.fresh()) {
            a.putSetting("x", "1");
            assertThat(b.setting("x")).isEmpty();
        }
    }

    private static long countRows(Database db, String sql) {
        return db.transact(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
