package dev.parley.bench.load;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
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
    /** How many of a child's last output lines are kept for an error message. */
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final String[] ready;
    /** Stop with SIGTERM instead of closing stdin (servers that ignore their stdin, like murmurd). */
    private final boolean terminate;
    /** The child's last lines of output (it logs WARN and above only), newest last; guarded by itself. */
    private final ArrayDeque<String> tail;

    private ChildProcess(String name, Process process, String[] ready, ArrayDeque<String> tail) {
        this(name, process, ready, false, tail);
    }

    private ChildProcess(String name, Process process, String[] ready, boolean terminate, ArrayDeque<String> tail) {
        this.name = name;
        this.process = process;
        this.ready = ready;
        this.terminate = terminate;
        this.tail = tail;
    }

    /**
     * A command that prints no READY line: ready once {@code ready} answers true (polled every 50 ms,
     * up to {@code timeout}); stopped with SIGTERM. Its output goes to the debug log.
     */
    public static ChildProcess startPolled(String name, List<String> command, File directory,
                                           java.util.function.BooleanSupplier ready, java.time.Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        ArrayDeque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(() -> pump(name, out, new CompletableFuture<>(), tail), "bench-child-" + name);
        pump.setDaemon(true);
        pump.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + (process.isAlive() ? " was not ready within " + timeout
                        : " exited with status " + process.exitValue()) + " (its output is in the debug log)");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return new ChildProcess(name, process, new String[] {"READY"}, true, tail);
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
            ArrayDeque<String> tail = new ArrayDeque<>();
            Thread pump = new Thread(() -> pump(name, out, ready, tail), "bench-child-" + name);
            pump.setDaemon(true);
            pump.start();
            try {
                // 180 s: on a shared 2-core machine at load average 50 a room's JVM start and Flyway took over 60 s
                return new ChildProcess(name, process, ready.get(180, TimeUnit.SECONDS), tail);
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

    private static void pump(String name, BufferedReader out, CompletableFuture<String[]> ready, ArrayDeque<String> tail) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (!ready.isDone() && line.startsWith("READY")) {
                    ready.complete(line.trim().split("\\s+"));
                } else {
                    log.debug("[{}] {}", name, line);
                    synchronized (tail) {
                        if (tail.size() == TAIL_LINES) {
                            tail.removeFirst();
                        }
                        tail.addLast(line);
                    }
                }
            }
            ready.completeExceptionally(new IllegalStateException(name + " exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** What the child printed last (up to 40 lines), for an error that has to say what the server said. */
    public String recentOutput() {
        synchronized (tail) {
            return tail.isEmpty() ? "(nothing)" : String.join("\n", tail);
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
            if (terminate) {
                process.destroy();
            } else {
                process.getOutputStream().close();
            }
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
