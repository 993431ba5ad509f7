package dev.parley.client.core.voice.e2e;

import dev.parley.client.core.audio.AudioOutput;
import java.util.Arrays;

/** Keeps everything played in memory, as the mixer produced it. Thread-safe (synchronized). */
final class RecordingOutput implements AudioOutput {

    private short[] samples = new short[48_000 * 10];
    private int length;

    @Override
    public synchronized void write(short[] chunk) {
        if (length + chunk.length > samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        System.arraycopy(chunk, 0, samples, length, chunk.length);
        length += chunk.length;
    }

    synchronized short[] samples() {
        return Arrays.copyOf(samples, length);
    }

    synchronized int peak() {
        int peak = 0;
        for (int i = 0; i < length; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return peak;
    }

    @Override
    public String description() {
        return "memory";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
