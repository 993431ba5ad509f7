package dev.parley.bench.load;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server under test in its own process (so its CPU time and memory are its own): started with a
 * command, ready once it prints a line starting with {@code READY}, stopped by closing its stdin.
 * Thread-safe.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

    private final String name;
    private final Process process;
    private final String[] ready;

    private ChildProcess(String name, Process process, String[] ready) {
        this.name = name;
        this.process = process;
        this.ready = ready;
    }

    /** A JVM running {@code mainClass} on this JVM's class path. */
    public static ChildProcess java(String name, List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return start(name, command, null);
    }

    /** Any command; {@code directory} null means ours. */
    public static ChildProcess start(String name, List<String> command, File directory) {
        try {
            Process process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String[]> ready = new CompletableFuture<>();
            Thread pump = new Thread(() -> pump(name, out, ready), "bench-child-" + name);
            pump.setDaemon(true);
            pump.start();
            try {
                // 180 s: on a shared 2-core machine at load average 50 a room's JVM start and Flyway took over 60 s
                return new ChildProcess(name, process, ready.get(180, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not become ready: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    private static void pump(String name, BufferedReader out, CompletableFuture<String[]> ready) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (!ready.isDone() && line.startsWith("READY")) {
                    ready.complete(line.trim().split("\\s+"));
                } else {
                    log.debug("[{}] {}", name, line);
                }
            }
            ready.completeExceptionally(new IllegalStateException(name + " exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** The words of the READY line after "READY" (ports, typically). */
    public int readyInt(int index) {
        return Integer.parseInt(ready[index + 1]);
    }

    public long pid() {
        return process.pid();
    }

    public double cpuSeconds() {
        return ProcessStats.cpuSeconds(pid());
    }

    public long residentKiB() {
        return ProcessStats.residentKiB(pid());
    }

    public long threads() {
        return ProcessStats.threads(pid());
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 20 s; killing it", name);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
