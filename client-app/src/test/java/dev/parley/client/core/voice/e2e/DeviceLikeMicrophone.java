package dev.parley.client.core.voice.e2e;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.PcmFormat;
import java.util.concurrent.locks.LockSupport;

/**
 * A microphone that behaves like a sound card: it records 10 ms per 10 ms of wall time whether or not
 * anyone reads, so a capture thread that stalls (a busy CPU) finds the backlog waiting and reads it at
 * once, and no audio is lost. (A file paced by {@code RealTimePacer} instead restarts its schedule after a
 * stall, which stretches the speech in time: not what a real device does.) Plays {@code pcm} once.
 * Threading as {@link AudioInput}: one capture thread; {@link #close()} from any.
 */
final class DeviceLikeMicrophone implements AudioInput {

    private final short[] pcm;
    private volatile boolean closed;
    private long startNanos = Long.MIN_VALUE;
    private int position;

    DeviceLikeMicrophone(short[] pcm) {
        this.pcm = pcm.clone();
    }

    @Override
    public void start() {
        if (startNanos == Long.MIN_VALUE) {
            startNanos = System.nanoTime();
        }
    }

    @Override
    public boolean read(short[] chunk) {
        long due = startNanos + (long) (position / chunk.length + 1) * PcmFormat.CHUNK_NANOS;
        long wait;
        while (!closed && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        if (closed || position + chunk.length > pcm.length) {
            return false;
        }
        System.arraycopy(pcm, position, chunk, 0, chunk.length);
        position += chunk.length;
        return true;
    }

    @Override
    public String description() {
        return "device-like microphone";
    }

    @Override
    public void close() {
        closed = true;
    }
}
