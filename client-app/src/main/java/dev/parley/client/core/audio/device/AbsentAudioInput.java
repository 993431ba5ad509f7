package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.PcmFormat;
import java.util.concurrent.CountDownLatch;

/**
 * No microphone at all: {@link #read} waits until {@link #close()} and then reports the end, so a capture
 * thread without a device sleeps instead of processing 100 chunks of silence a second (an idle app
 * with no sound card would otherwise spend a few percent of a core on nothing). Use
 * {@link NullAudioInput} where silence must really flow, e.g. a headless bot whose frames are counted.
 *
 * <p>Threading: see {@link dev.parley.client.core.audio.AudioInput}; {@link #close()} is safe from any thread.
 */
public final class AbsentAudioInput implements AudioInput {

    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void start() {
        // nothing to start: there is no device
    }

    @Override
    public boolean read(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public String description() {
        return "no microphone";
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
