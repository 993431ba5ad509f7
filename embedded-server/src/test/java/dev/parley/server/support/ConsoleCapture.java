package dev.parley.server.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Records what is written to standard output while open, and still passes it through. The test
 * logback configuration logs to the console (logback looks {@code System.out} up on every write),
 * so this is how a test reads the server's log lines without a compile-time logback dependency.
 */
public final class ConsoleCapture implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();

    private ConsoleCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (recorded) {
                    recorded.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (recorded) {
                    recorded.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }
        };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    public static ConsoleCapture start() {
        return new ConsoleCapture();
    }

    public String text() {
        synchronized (recorded) {
            return recorded.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.out.flush();
        System.setOut(original);
    }
}
