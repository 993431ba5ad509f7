package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --shutdown-grace}: from the flag or PARLEY_SHUTDOWN_GRACE, and refused before the room starts when out of range. */
class ShutdownGraceOptionTest {
    @TempDir
    Path dir;

    @Test
    void theGraceComesFromTheFlagOrTheEnvironmentAndDefaultsToFiveSeconds() {
        assertThat(parse(Map.of()).shutdownGrace).isEqualTo(5);
        assertThat(parse(Map.of("PARLEY_SHUTDOWN_GRACE", "12")).shutdownGrace).isEqualTo(12);
        assertThat(parse(Map.of("PARLEY_SHUTDOWN_GRACE", "12"), "--shutdown-grace", "0").shutdownGrace).isZero();
    }

    @Test
    void aGraceOutOfRangeIsRefusedBeforeTheRoomStarts() {
        for (String bad : new String[] {"-1", "3601"}) {
            ServerMain main = parse(Map.of(), "--shutdown-grace", bad, "--data", dir.resolve("room").toString(),
                    "--port", "0", "--http-port", "-1", "--host", "127.0.0.1", "--no-log-file", "--no-announce");

            assertThatThrownBy(main::call).as(bad).isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining("--shutdown-grace must be between 0 and 3600 seconds");
            assertThat(dir.resolve("room")).as("no room was started").doesNotExist();
        }
    }

    private static ServerMain parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = ServerMain.commandLine(args, environment);
        commandLine.parseArgs(args);
        return commandLine.getCommand();
    }
}
