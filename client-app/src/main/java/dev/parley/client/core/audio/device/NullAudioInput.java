package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.PcmFormat;
import java.util.Arrays;

/**
 * Endless silence at real-time pace, for headless bots and machines without a microphone.
 *
 * <p>Threading: see {@link AudioInput}; {@link #close()} is safe from any thread.
 */
public final class NullAudioInput implements AudioInput {

    private final RealTimePacer pacer = new RealTimePacer();
    private volatile boolean closed;

    @Override
    public void start() {
        // nothing to start: silence is always ready
    }

    @Override
    public boolean read(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        if (closed) {
            return false;
        }
        pacer.awaitNextChunk();
        Arrays.fill(chunk, (short) 0);
        return !closed;
    }

    @Override
    public String description() {
        return "silence";
    }

    @Override
    public void close() {
        closed = true;
    }
}
