package dev.parley.client.core.audio.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program from the test classpath in a JVM of its own, with the PulseAudio server's environment.
 * Why a child: the ALSA pulse plugin reads {@code PULSE_SERVER} from the process environment, and ALSA
 * decides once per process (when the sound server is reachable) whether "default" means PulseAudio; a
 * JVM cannot change its own environment. The program prints {@code RESULT key=value} lines.
 */
final class ChildJvm {

    /**
     * Small and without collector threads, beside the sound server and the test JVM on two cores;
     * {@code -Dparley.child.jvmOptions="..."} replaces it (e.g. the launcher's G1 options with {@code -Xlog:gc}).
     */
    static final String DEFAULT_OPTIONS = "-Xss512k -XX:+UseSerialGC";

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(PulseAudioServer server, Path log, Class<?> main, String... args) throws IOException {
        return startWithOutput(System.getProperty("parley.audio.output"), server, log, main, args);
    }

    /**
     * As {@link #start}, with the speaker backend the child's {@code JavaSoundDevices} opens
     * ({@code JavaSoundDevices.OUTPUT_PROPERTY}: auto, pulse or javasound; null leaves its default).
     */
    static ChildJvm startWithOutput(String output, PulseAudioServer server, Path log, Class<?> main, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("parley.child.jvmOptions", DEFAULT_OPTIONS).trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        if ("root".equals(System.getProperty("user.name"))) {
            // As ./parley starts the app where the user may raise priority: audio threads at nice -5.
            command.add(1, "-XX:ThreadPriorityPolicy=1");
        }
        if (output != null) {
            // Which speaker backend the child's JavaSoundDevices opens (see JavaSoundDevices.OUTPUT_PROPERTY).
            command.add(1, "-Dparley.audio.output=" + output);
        }
        // Which microphone backend the child opens (JavaSoundDevices.INPUT_PROPERTY), when the test run names one.
        String input = System.getProperty("parley.audio.input");
        if (input != null) {
            command.add(1, "-Dparley.audio.input=" + input);
        }
        // Benchmark knobs (-Dparley.bench.*, e.g. frameMillis) reach the child program too.
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("parley.bench."))
                .forEach(key -> command.add(1, "-D" + key + "=" + System.getProperty(key)));
        command.addAll(List.of(args));
        ProcessBuilder builder = server.environment(new ProcessBuilder(command));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ChildJvm(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the program to end and returns its RESULT lines. */
    Map<String, String> results(long timeoutSeconds) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish in " + timeoutSeconds + " s; log:\n" + output());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("child JVM failed with " + process.exitValue() + "; log:\n" + output());
        }
        Map<String, String> results = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("RESULT ")) {
                String[] kv = line.substring(7).split("=", 2);
                results.put(kv[0], kv[1]);
            }
        }
        return results;
    }

    String output() throws IOException {
        return Files.readString(log);
    }
}
