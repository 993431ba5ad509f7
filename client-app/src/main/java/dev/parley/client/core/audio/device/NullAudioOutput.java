package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;

/**
 * Discards audio at real-time pace, so a playback loop behaves as it would with a sound card: it keeps
 * time itself ({@link #awaitDemand()} sleeps until the next 10 ms are due, so an idle loop sleeps too).
 *
 * <p>Threading: see {@link AudioOutput}.
 */
public final class NullAudioOutput implements AudioOutput {

    private final RealTimePacer pacer = new RealTimePacer();
    private volatile boolean closed;

    @Override
    public boolean pacedByDevice() {
        return true;
    }

    @Override
    public int awaitDemand() {
        if (!closed) {
            pacer.awaitNextChunk();
        }
        return 1;
    }

    @Override
    public void write(short[] chunk) {
        PcmFormat.requireChunk(chunk);
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
