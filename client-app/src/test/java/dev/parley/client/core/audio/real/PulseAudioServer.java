package dev.parley.client.core.audio.real;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private PulseAudio server for one test: its own runtime directory and socket under {@code dir}, two
 * null sinks — {@code micsrc}, whose monitor is the default source ("the microphone": whatever is played
 * into {@code micsrc} is captured), and {@code spk}, the default sink ("the speaker", recorded from
 * {@code spk.monitor}). Processes that should use it get its environment from {@link #environment}.
 *
 * <p>One emulation, on purpose: a null sink with no stream playing into it renders two seconds ahead
 * (its idle block), so a stream that appears after another vanished is not heard for up to 2 s — a null
 * sink artefact that real sound cards (which play continuously) do not have. A silent keep-alive stream
 * plays into {@code spk} so it behaves like a card. Stream re-creations by the code under test still
 * show in {@link #sinkInputsCreated()}.
 *
 * <p>Not thread-safe: one test thread.
 */
public final class PulseAudioServer implements AutoCloseable {

    private final Path dir;
    private final Path socket;
    private final Process daemon;
    private final List<Process> children = new ArrayList<>();
    private final Path events;
    private Process subscriber;
    private boolean combineLoaded;

    private PulseAudioServer(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Path runtime = dir.resolve("rt");
        Files.createDirectories(runtime);
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        this.socket = runtime.resolve("native");
        this.events = dir.resolve("events.txt");
        ProcessBuilder builder = environment(new ProcessBuilder("pulseaudio", "--daemonize=no", "--exit-idle-time=-1",
                "-n", "--use-pid-file=no", "--disallow-exit=no",
                "--load=module-native-protocol-unix socket=" + socket + " auth-anonymous=1",
                "--load=module-null-sink sink_name=spk rate=48000",
                "--load=module-null-sink sink_name=micsrc rate=48000"));
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("pulseaudio.log").toFile());
        this.daemon = builder.start();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> !daemon.isAlive() || run("pactl", "info") == 0);
        if (!daemon.isAlive()) {
            throw new IllegalStateException("pulseaudio did not start: " + Files.readString(dir.resolve("pulseaudio.log")));
        }
        require(run("pactl", "set-default-source", "micsrc.monitor"));
        require(run("pactl", "set-default-sink", "spk"));
        // Keep-alive: see the class comment.
        spawn(dir.resolve("keepalive.log"), "pacat", "-d", "spk", "--latency-msec=20", "--raw", "--rate=48000",
                "--channels=1", "--format=s16le", "/dev/zero");
        // The same for the microphone: without it the idle micsrc hands its monitor (what javax.sound captures)
        // two-second blocks until paplay starts, and a capture opened then started 1.4-2.6 s behind, a delay the
        // receiving jitter buffer then spent the whole speech cutting back out. A real microphone delivers a
        // period at a time from the start.
        spawn(dir.resolve("keepalive-mic.log"), "pacat", "-d", "micsrc", "--latency-msec=20", "--raw", "--rate=48000",
                "--channels=1", "--format=s16le", "/dev/zero");
        // Only once the speaker sink really runs does it pull new streams at once (see the class comment).
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> output("pactl", "list", "short", "sinks").lines()
                        .filter(line -> (line.contains("\tspk\t") || line.contains("\tmicsrc\t")) && line.contains("RUNNING"))
                        .count() == 2);
        subscriber = environment(new ProcessBuilder("pactl", "subscribe")).redirectErrorStream(true)
                .redirectOutput(events.toFile()).start();
    }

    /** Starts a server in {@code dir} (kept short: a unix socket path must stay under 108 bytes). */
    public static PulseAudioServer start(Path dir) throws IOException, InterruptedException {
        RealAudio.assumeAvailable();
        return new PulseAudioServer(dir);
    }

    /** Points a process at this server. */
    public ProcessBuilder environment(ProcessBuilder builder) {
        builder.environment().put("PULSE_SERVER", "unix:" + socket);
        builder.environment().put("XDG_RUNTIME_DIR", socket.getParent().toString());
        builder.environment().put("HOME", dir.toString());
        return builder;
    }

    /**
     * Plays a WAV file into a combine sink feeding both the virtual microphone and the virtual speaker
     * at once: the speaker's recording then holds the sound as played and, later, as it came back
     * through whatever listens to the microphone — one recording, one clock.
     */
    public Process playIntoMicrophoneAndSpeaker(Path wav) throws IOException, InterruptedException {
        prepareMicrophoneAndSpeaker();
        return spawn(dir.resolve("paplay.log"), "paplay", "-d", "both", wav.toString());
    }

    /**
     * Loads the combine sink {@link #playIntoMicrophoneAndSpeaker} plays into, ahead of time: loaded at the
     * moment of playing, its first few hundred ms reached the microphone but not the speaker's recording (the
     * first clicks "as played" were missing from it). Idempotent.
     */
    public void prepareMicrophoneAndSpeaker() throws IOException, InterruptedException {
        if (!combineLoaded) {
            require(run("pactl", "load-module", "module-combine-sink", "sink_name=both", "slaves=micsrc,spk", "rate=48000"));
            combineLoaded = true;
        }
    }

    /** Plays a WAV file into the virtual microphone; the process ends when the file has been played. */
    public Process playIntoMicrophone(Path wav) throws IOException {
        return spawn(dir.resolve("paplay.log"), "paplay", "-d", "micsrc", wav.toString());
    }

    /** Records the virtual speaker (48 kHz mono 16-bit WAV) until {@link Process#destroy()}. */
    public Process recordSpeaker(Path wav) throws IOException {
        return spawn(dir.resolve("parecord.log"), "parecord", "-d", "spk.monitor", "--rate=48000", "--channels=1",
                "--format=s16le", "--latency-msec=10", "--file-format=wav", wav.toString());
    }

    /** Starts any process with this server's environment; destroyed on {@link #close()}. */
    public Process spawn(Path log, String... command) throws IOException {
        Process process = environment(new ProcessBuilder(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        children.add(process);
        return process;
    }

    /** Sink inputs (playback streams) created so far, the test's own tools and keep-alive included. */
    public long sinkInputsCreated() throws IOException {
        return Files.readAllLines(events).stream().filter(line -> line.contains("'new' on sink-input")).count();
    }

    /** Source outputs (record streams) created so far. */
    public long sourceOutputsCreated() throws IOException {
        return Files.readAllLines(events).stream().filter(line -> line.contains("'new' on source-output")).count();
    }

    /** Stops a recorder so that it writes its WAV header, and waits for it. */
    public static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private String output(String... command) throws IOException, InterruptedException {
        Process process = environment(new ProcessBuilder(command)).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private int run(String... command) throws IOException, InterruptedException {
        Process process = environment(new ProcessBuilder(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("pactl.log").toFile())).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static void require(int exit) {
        if (exit != 0) {
            throw new UncheckedIOException(new IOException("pactl failed with exit code " + exit));
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process child : children) {
            stop(child);
        }
        if (subscriber != null) {
            stop(subscriber);
        }
        stop(daemon);
    }
}
