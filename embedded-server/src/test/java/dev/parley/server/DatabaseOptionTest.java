package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.db.PostgresTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 15: --database picks PostgreSQL; its password never has to be on the command line. */
class DatabaseOptionTest {
    @TempDir
    Path dir;

    private static ServerMain parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = ServerMain.commandLine(args, environment);
        commandLine.parseArgs(args);
        return commandLine.getCommand();
    }

    @Test
    void withoutTheOptionTheRoomKeepsItsH2File() {
        assertThat(parse(Map.of()).database()).isNull();
    }

    @Test
    void aPostgresqlUrlBecomesAJdbcUrlAndAUser() throws Exception {
        Path file = dir.resolve("db.secret");
        Files.writeString(file, "pg pass\n", StandardCharsets.UTF_8);

        PostgresTarget target = parse(Map.of(), "--database", "postgresql://parley@db.example:5433/room",
                "--database-password-file", file.toString()).database();

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/room");
        assertThat(target.user()).isEqualTo("parley");
        assertThat(target.password()).isEqualTo("pg pass");
        assertThat(target.toString()).doesNotContain("pg pass");
    }

    @Test
    void theUrlAndPasswordMayComeFromTheEnvironmentAndAJdbcUrlIsTakenAsItIs() {
        PostgresTarget target = parse(Map.of("PARLEY_DATABASE", "jdbc:postgresql://127.0.0.1/parley?user=room",
                "PARLEY_DATABASE_PASSWORD", "from-env")).database();

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/parley?user=room");
        assertThat(target.password()).isEqualTo("from-env");
    }

    @Test
    void theConfigFileMayNameTheDatabaseAndThePasswordFile() throws Exception {
        Path secret = dir.resolve("db.secret");
        Files.writeString(secret, "filed\n", StandardCharsets.UTF_8);
        Path config = Files.writeString(dir.resolve("server.properties"),
                "database = postgres://room@localhost/parley\ndatabase-password-file = " + secret + "\n", StandardCharsets.UTF_8);

        PostgresTarget target = parse(Map.of(), "--config", config.toString()).database();

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/parley");
        assertThat(target.password()).isEqualTo("filed");
    }

    @Test
    void aPasswordInTheUrlIsRefusedBecausePsWouldShowIt() {
        assertThatThrownBy(() -> parse(Map.of(), "--database", "postgresql://parley:secret@localhost/room").database())
                .hasMessageContaining("must not hold the password");
        assertThatThrownBy(() -> parse(Map.of(), "--database", "jdbc:postgresql://localhost/room?password=secret").database())
                .hasMessageContaining("must not hold the password");
    }

    @Test
    void somethingElseIsAClearError() {
        assertThatThrownBy(() -> parse(Map.of(), "--database", "mysql://localhost/room").database())
                .hasMessageContaining("not a PostgreSQL URL");
        assertThatThrownBy(() -> parse(Map.of(), "--database", "postgresql://parley@localhost").database())
                .hasMessageContaining("names no database");
        assertThatThrownBy(() -> parse(Map.of(), "--database-password-file", "x").database())
                .hasMessageContaining("needs --database");
    }
}
