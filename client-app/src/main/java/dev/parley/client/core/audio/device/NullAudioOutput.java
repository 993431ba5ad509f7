package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;

/**
 * Discards audio at real-time pace, so a playback loop behaves as it would with a sound card.
 *
 * <p>Threading: see {@link AudioOutput}.
 */
public final class NullAudioOutput implements AudioOutput {

    private final RealTimePacer pacer = new RealTimePacer();
    private volatile boolean closed;

    @Override
    public void write(short[] chunk) {
        PcmFormat.requirePlaybackChunk(chunk);
        if (!closed) {
            pacer.awaitNext(chunk.length);
        }
    }

    @Override
    public boolean discards() {
        return true;
    }

    @Override
    public String description() {
        return "discard";
    }

    @Override
    public void close() {
        closed = true;
    }
}
