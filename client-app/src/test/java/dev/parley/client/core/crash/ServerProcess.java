package dev.parley.client.core.crash;

import dev.parley.protocol.tls.Fingerprint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The room server as a separate JVM ({@code ServerMain} on the test classpath), so a test can kill
 * it with SIGKILL: nothing in the server gets to run, not even shutdown hooks.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint \\(SHA-256\\): ([0-9A-F:]+)");

    private final Process process;
    private final Fingerprint fingerprint;

    private ServerProcess(Process process, Fingerprint fingerprint) {
        this.process = process;
        this.fingerprint = fingerprint;
    }

    /**
     * Starts {@code ServerMain} on loopback and waits until it prints that it is up. The JVM compiles with C1
     * only and collects with the serial collector: a short-lived room that must start twice (4 s instead of
     * 8-12 s here on two busy cores, where the C2 compiler threads and G1's set-up competed with the start-up
     * itself). What the test checks, what was acknowledged before a SIGKILL, does not depend on either.
     */
    static ServerProcess start(Path dataDir, int port) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.parley.server.ServerMain",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--voice-port", "0", "--http-port", "-1",
                "--data", dataDir.toString(), "--name", "crash-test"))
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Fingerprint> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, up), "server-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(process, up.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static void readOutput(Process process, CompletableFuture<Fingerprint> up) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher matcher = FINGERPRINT.matcher(line);
                if (matcher.find()) {
                    up.complete(Fingerprint.parse(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // The process died; whoever waits times out or already has its answer.
        }
        up.completeExceptionally(new IllegalStateException("server process ended before it was up"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Fingerprint fingerprint() {
        return fingerprint;
    }

    /** SIGKILL: the JVM gets no chance to flush, commit or say goodbye. */
    void kill() throws Exception {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill();
        }
    }
}
