package dev.parley.client.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code package}: the shaded jar, started the way {@code ./parley} starts it, opens its window on a
 * real X display (Xvfb). The TestFX tests run the UI on Monocle and never go through the launcher, so they
 * missed a launcher change that loaded GTK 2 through AWT before JavaFX, which then could not start at all.
 * Needs {@code xvfb} and {@code xdotool}; skipped without them, except with {@code CI=true}.
 */
class DesktopAppStartsIT {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path temp;
    private Process xvfb;
    private Process app;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : new Process[] {app, xvfb}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    @Test
    void theShadedJarOpensItsWindowOnARealDisplay() throws Exception {
        boolean tools = onPath("Xvfb") && onPath("xdotool");
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(tools, "needs Xvfb and xdotool (apt-get install xvfb xdotool)");
        }
        assertThat(tools).as("Xvfb and xdotool, which .ci/run installs").isTrue();
        Path jar = Path.of(System.getProperty("parley.clientJar", "target/parley-client.jar"));
        assertThat(jar).as("the shaded client jar (run after package)").exists();

        String display = ":" + (200 + ProcessHandle.current().pid() % 300);
        xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(temp.resolve("xvfb.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> run(display, "xdotool", "getdisplaygeometry").isPresent());

        Path log = temp.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dprism.order=sw", "-Dparley.home=" + temp.resolve("home"), "-Dparley.noLan=true",
                "-Dparley.noGlobalKeys=true", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", display);
        app = builder.start();

        await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!app.isAlive()) {
                throw new AssertionError("the app exited with " + app.exitValue() + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return run(display, "xdotool", "search", "--onlyvisible", "--name", "^Parley$").isPresent();
        });
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("Exception in thread \"main\"");
    }

    /** Runs a command on the display; its output when it succeeded with some. */
    private static java.util.Optional<String> run(String display, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean done = process.waitFor(10, TimeUnit.SECONDS);
        return done && process.exitValue() == 0 && !out.isEmpty() ? java.util.Optional.of(out) : java.util.Optional.empty();
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
