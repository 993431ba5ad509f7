package dev.parley.client.ui.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Global push-to-talk across sessions, on a real X server (Xvfb) with real key presses (xdotool) and
 * the real jnativehook hook, in a separate JVM (the test JVM is headless and has no DISPLAY).
 * Skipped where Xvfb or xdotool is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GlobalKeyHookTest {
    @TempDir
    Path temp;
    private Process xvfb;
    private String display;

    @BeforeEach
    void startXvfb() throws Exception {
        assumeTrue(onPath("Xvfb") && onPath("xdotool"), "Xvfb and xdotool are needed for a real global key hook");
        int number = 200 + ThreadLocalRandom.current().nextInt(700);
        display = ":" + number;
        xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "640x480x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(temp.resolve("xvfb.log").toFile()).start();
        Path socket = Path.of("/tmp/.X11-unix/X" + number);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket) || !xvfb.isAlive());
        assumeTrue(xvfb.isAlive(), "Xvfb did not start");
    }

    @AfterEach
    void stopXvfb() throws Exception {
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean onPath(String program) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private Result probe(String mode) throws Exception {
        Path out = temp.resolve(mode + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GlobalHookProbe.class.getName(), mode)
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("probe finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }

    @Test
    void theKeyIsHeardInEverySessionAfterLeaving() throws Exception {
        Result result = probe("shared");
        assumeTrue(result.exit() != 3, "no global hook on this display: " + result.output());

        assertThat(result.output()).contains("session 1 heard F9", "session 2 heard F9", "session 3 heard F9");
        assertThat(result.exit()).isZero();
    }

    @Test
    void registeringAgainAfterUnregisteringLosesEveryKey() throws Exception {
        // Why GlobalKeyHook exists: the library's own sequence, as PushToTalkKeys used it, goes deaf.
        Result result = probe("legacy");

        assertThat(result.output()).contains("session 1 heard F9").contains("session 2 heard nothing");
    }
}
