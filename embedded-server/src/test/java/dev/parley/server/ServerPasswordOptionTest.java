package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 11 item 10: the server password need not be on the command line, where `ps` shows it. */
class ServerPasswordOptionTest {
    @TempDir
    Path dir;

    private static ServerMain parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = ServerMain.commandLine(args, environment);
        commandLine.parseArgs(args);
        return commandLine.getCommand();
    }

    @Test
    void thePasswordCanComeFromAFileWhoseNameIsAllThatPsShows() throws Exception {
        Path file = dir.resolve("room.secret");
        Files.writeString(file, "s3cret words\n", StandardCharsets.UTF_8);

        assertThat(parse(Map.of(), "--server-password-file", file.toString()).serverPassword()).isEqualTo("s3cret words");
    }

    @Test
    void thePasswordCanComeFromTheEnvironment() {
        assertThat(parse(Map.of("PARLEY_SERVER_PASSWORD", "from-env")).serverPassword()).isEqualTo("from-env");
        assertThat(parse(Map.of()).serverPassword()).isNull();
    }

    @Test
    void theFlagAndTheFileTogetherAreRefused() throws Exception {
        Path file = dir.resolve("room.secret");
        Files.writeString(file, "a\n", StandardCharsets.UTF_8);

        ServerMain main = parse(Map.of(), "--server-password", "b", "--server-password-file", file.toString());

        assertThatThrownBy(main::serverPassword).hasMessageContaining("not both");
    }

    @Test
    void anEmptyOrMissingFileIsAClearError() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));

        assertThatThrownBy(() -> parse(Map.of(), "--server-password-file", empty.toString()).serverPassword())
                .isInstanceOf(ServerException.class).hasMessageContaining("is empty");
        assertThatThrownBy(() -> parse(Map.of(), "--server-password-file", dir.resolve("nope").toString())
                .serverPassword()).isInstanceOf(ServerException.class).hasMessageContaining("Cannot read");
    }

    @Test
    void helpWarnsThatTheFlagShowsInPs() {
        String help = new CommandLine(new ServerMain()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(help).contains("--server-password-file").contains("PARLEY_SERVER_PASSWORD");
        assertThat(help.replaceAll("\\s+", " ")).contains("shows in `ps`");
    }
}
