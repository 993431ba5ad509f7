package dev.parley.client.core.record;

import dev.parley.client.core.audio.AudioOutput;
import java.util.Arrays;

/** Keeps everything played in memory; does not block, so the player keeps time by its clock. Thread-safe. */
final class MemoryOutput implements AudioOutput {
    private short[] samples = new short[48_000 * 4];
    private int length;
    private volatile boolean closed;

    @Override
    public synchronized void write(short[] chunk) {
        if (closed) {
            return;
        }
        if (length + chunk.length > samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        System.arraycopy(chunk, 0, samples, length, chunk.length);
        length += chunk.length;
    }

    synchronized short[] samples() {
        return Arrays.copyOf(samples, length);
    }

    synchronized int length() {
        return length;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public String description() {
        return "memory";
    }

    @Override
    public void close() {
        closed = true;
    }
}
