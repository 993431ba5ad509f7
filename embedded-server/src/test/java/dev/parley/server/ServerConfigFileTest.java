package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.service.OptionSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The headless server's config file and {@code PARLEY_*} variables, and which of them wins. */
class ServerConfigFileTest {
    /** The documented example, in the repository's docs folder (tests run in the module's folder). */
    private static final Path EXAMPLE = Path.of("..", "docs", "parley-server.properties");

    @TempDir
    Path dir;

    private static ServerMain parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = ServerMain.commandLine(args, environment);
        commandLine.parseArgs(args);
        return commandLine.getCommand();
    }

    private Path config(String text) throws Exception {
        return Files.writeString(dir.resolve("parley-server.properties"), text, StandardCharsets.UTF_8);
    }

    @Test
    void theConfigFileSetsOptionsAndAFlagBeatsIt() throws Exception {
        Path file = config("port = 7800\nname = Club room\nno-guests = true\nlog-level = debug\n");

        ServerMain main = parse(Map.of(), "--config", file.toString(), "--port", "7900");

        assertThat(main.port).isEqualTo(7900);
        assertThat(main.roomName).isEqualTo("Club room");
        assertThat(main.noGuests).isTrue();
        assertThat(main.logLevel).isEqualTo("debug");
    }

    @Test
    void anEnvironmentVariableBeatsTheFileAndParleyConfigNamesIt() throws Exception {
        Path file = config("name = From the file\nhttp-port = 7999\n");

        ServerMain main = parse(Map.of("PARLEY_CONFIG", file.toString(), "PARLEY_NAME", "From the environment"));

        assertThat(main.roomName).isEqualTo("From the environment");
        assertThat(main.httpPort).isEqualTo(7999);
    }

    @Test
    void withoutAFileOrVariablesTheBuiltInDefaultsHold() {
        ServerMain main = parse(Map.of());

        assertThat(main.port).isEqualTo(ServerConfig.DEFAULT_PORT);
        assertThat(main.roomName).isEqualTo("Parley room");
        assertThat(main.noGuests).isFalse();
        assertThat(main.logLevel).isEqualTo("info");
    }

    @Test
    void aMistypedKeyIsAClearErrorNamingTheKeysAFileMayHold() throws Exception {
        Path file = config("prot = 7800\n");

        assertThatThrownBy(() -> parse(Map.of(), "--config=" + file))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("unknown keys [prot]")
                .hasMessageContaining("port, ");
    }

    @Test
    void aMissingConfigFileIsAClearError() {
        assertThatThrownBy(() -> parse(Map.of(), "--config", dir.resolve("nope.properties").toString()))
                .isInstanceOf(ServerException.class).hasMessageContaining("Cannot read the config file");
    }

    @Test
    void theServerPasswordCanComeFromAFileNamedInTheConfigAndTheCommandLineStillWins() throws Exception {
        Path secret = Files.writeString(dir.resolve("room.secret"), "from the secret file\n", StandardCharsets.UTF_8);
        Path file = config("server-password-file = " + secret.toString().replace("\\", "\\\\") + "\n");

        assertThat(parse(Map.of(), "--config", file.toString()).serverPassword()).isEqualTo("from the secret file");
        assertThat(parse(Map.of("PARLEY_SERVER_PASSWORD", "from env"), "--config", file.toString()).serverPassword())
                .isEqualTo("from env");
        assertThat(parse(Map.of(), "--config", file.toString(), "--server-password", "typed").serverPassword())
                .isEqualTo("typed");
    }

    @Test
    void aPasswordAndAPasswordFileInTheSameConfigAreRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("room.secret"), "a\n", StandardCharsets.UTF_8);
        Path file = config("server-password = b\nserver-password-file = " + secret.toString().replace("\\", "\\\\") + "\n");

        assertThatThrownBy(() -> parse(Map.of(), "--config", file.toString()).serverPassword()).hasMessageContaining("not both");
    }

    @Test
    void theDocumentedExampleNamesEveryOptionOfHelpAndLoadsAsIs() throws Exception {
        Set<String> keys = OptionSources.keys(new CommandLine(new ServerMain()).getCommandSpec());
        String example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);

        for (String key : keys) {
            assertThat(example).as("docs/parley-server.properties documents " + key)
                    .containsPattern("(?m)^#? ?" + java.util.regex.Pattern.quote(key) + " =");
        }
        assertThat(keys).contains("port", "data", "server-password-file", "log-level", "announce-on", "no-announce");
        // Every line is commented out, so the example changes nothing until an admin edits it.
        Properties loaded = new Properties();
        try (var reader = Files.newBufferedReader(EXAMPLE, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        }
        assertThat(loaded).isEmpty();
        assertThat(parse(Map.of(), "--config", EXAMPLE.toString()).port).isEqualTo(ServerConfig.DEFAULT_PORT);
    }
}
