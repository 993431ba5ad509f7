package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.files.FileLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The host sets the file limits on the command line, in the config file or the environment. */
class FileOptionsTest {
    @TempDir
    Path dir;

    private static ServerMain parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = ServerMain.commandLine(args, environment);
        commandLine.parseArgs(args);
        return commandLine.getCommand();
    }

    @Test
    void configFileSetsTheLimitsAndAFlagBeatsIt() throws Exception {
        Path config = Files.writeString(dir.resolve("room.properties"), "max-file-size = 5\nfile-quota = 100\n",
                StandardCharsets.UTF_8);

        FileLimits limits = parse(Map.of(), "--config", config.toString(), "--file-quota", "200").fileOptions.limits();

        assertThat(limits.maxFileBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(limits.quotaBytes()).isEqualTo(200L * 1024 * 1024);
    }

    @Test
    void environmentSetsTheQuota() {
        FileLimits limits = parse(Map.of("PARLEY_FILE_QUOTA", "64")).fileOptions.limits();

        assertThat(limits.quotaBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(limits.maxFileBytes()).isEqualTo(FileLimits.DEFAULT_MAX_FILE_BYTES);
    }
}
