package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load tools measure the room as it ships only while their default options are the launchers'. */
class RoomJvmOptionsTest {

    /** Surefire runs in the module's folder; the launchers live at the project's root. */
    private static final Path PROJECT = Path.of("..");

    @Test
    void areWhatTheParleyScriptStartsTheRoomWithOnLinux() throws IOException {
        String script = Files.readString(PROJECT.resolve("parley"));
        List<String> options = new ArrayList<>(words(quotedAfter(script, "server_default_opts=\"")));
        options.addAll(words(quotedAfter(script, "server_default_opts+=\"")));

        assertThat(options).containsExactlyElementsOf(RoomJvmOptions.LAUNCHER);
    }

    @Test
    void areWhatTheInstalledRoomLauncherStartsWithOnLinux() throws IOException {
        String line = Files.readAllLines(PROJECT.resolve("installer/src/jpackage/parley-server.properties")).stream()
                .filter(l -> l.startsWith("java-options="))
                .findFirst().orElseThrow();
        // installer/pom.xml filters the interval: 5000 on Linux. The bundled runtime is the build's JDK, so the
        // installed launcher needs no IgnoreUnrecognizedVMOptions.
        List<String> installed = words(line.substring("java-options=".length())
                .replace("${native.trim.interval}", "5000"));

        assertThat(installed).containsExactlyElementsOf(RoomJvmOptions.LAUNCHER.stream()
                .filter(option -> !option.equals("-XX:+IgnoreUnrecognizedVMOptions")).toList());
    }

    private static String quotedAfter(String text, String prefix) {
        int start = text.indexOf(prefix);
        assertThat(start).as("'%s' in the parley script", prefix).isNotNegative();
        start += prefix.length();
        return text.substring(start, text.indexOf('"', start));
    }

    private static List<String> words(String options) {
        return Arrays.stream(options.trim().split("\\s+")).toList();
    }
}
