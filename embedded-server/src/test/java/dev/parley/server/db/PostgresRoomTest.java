package dev.parley.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ParleyServer;
import dev.parley.server.admin.AdminMain;
import dev.parley.server.service.LocalBackups;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.TestDatabases;
import dev.parley.server.support.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What only a room on PostgreSQL does: its data is in the PostgreSQL database, not in the folder; the
 * H2-only tools (BACKUP TO, the offline admin tool) say so and point to pg_dump instead of failing
 * obscurely. The rest of the suite covers sign-in, chat, moderation and restarts on PostgreSQL.
 */
@Timeout(60)
@EnabledIfSystemProperty(named = TestPostgres.PROPERTY, matches = "postgresql")
class PostgresRoomTest {
    @TempDir
    Path data;

    @Test
    void theRoomsAccountsAreInPostgresqlAndTheFolderHoldsNoH2File() throws Exception {
        try (ParleyServer server = Rooms.start(data)) {
            Rooms.register(server, "ann").close();
        }
        assertThat(data.resolve("parley.mv.db")).doesNotExist();
        assertThat(data.resolve(PostgresMarker.FILE)).content().contains("jdbc:postgresql://").doesNotContain("password");
        try (Database db = Database.openPostgres(TestDatabases.target(data))) {
            assertThat(db.kind()).isEqualTo(Database.Kind.POSTGRESQL);
            String version = db.transact(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT version()"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(version).startsWith("PostgreSQL");
            long accounts = db.transact(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM accounts WHERE username = 'ann'");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(accounts).isEqualTo(1);
        }
    }

    @Test
    void theAdminToolPointsToPgDumpInsteadOfOpeningTheFolder() throws Exception {
        try (ParleyServer server = Rooms.start(data)) {
            Rooms.register(server, "ann").close();
            // a running room on PostgreSQL offers no H2 backup endpoint
            assertThat(data.resolve(LocalBackups.ENDPOINT_FILE)).doesNotExist();
        }
        StringWriter err = new StringWriter();
        CommandLine admin = AdminMain.commandLine();
        admin.setOut(new PrintWriter(new StringWriter(), true));
        admin.setErr(new PrintWriter(err, true));

        int users = admin.execute("--data", data.toString(), "users");
        int backup = admin.execute("--data", data.toString(), "backup", "--to", data.resolve("b.zip").toString());

        assertThat(users).isNotZero();
        assertThat(backup).isNotZero();
        assertThat(err.toString()).contains("keeps its data in PostgreSQL").contains("pg_dump");
        assertThat(data.resolve("b.zip")).doesNotExist();
    }

    @Test
    void aWrongPasswordOrMissingDatabaseIsAClearErrorAtStart() {
        PostgresTarget real = TestPostgres.freshDatabase();
        PostgresTarget missing = new PostgresTarget(real.jdbcUrl().replaceFirst("/[^/]+$", "/no_such_db"), real.user(), null);

        assertThatThrownBy(() -> Database.openPostgres(missing)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open database").hasMessageContaining("no_such_db");
    }
}
