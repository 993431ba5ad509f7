package dev.parley.client.core.audio.pulse;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.PcmFormat;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playback on the default PulseAudio sink through the simple API, with a small stream buffer: {@code tlength}
 * {@link #TARGET_MILLIS} ms, {@code minreq} one 10 ms chunk. Paced by the device: a write blocks until the
 * server has played enough to make room, which is at most a chunk's time while the sink plays, so the
 * playback loop pulls exactly at the device's rate. An underrun needs no special refill: the server holds a
 * dry stream until a full buffer is there again (its pre-buffer), and the writes that follow do not block
 * until it is. Each demand asks the server the stream's latency ({@code pa_simple_get_latency}: queued
 * audio plus the sink's own); a latency under one chunk means it ran dry (counted, shown in the health).
 *
 * <p>A write never blocks for long on a healthy server; should the server stop taking audio, the stream is
 * freed and opened again at the next demand after a failed write (the simple API reports a dead
 * connection as an error).
 *
 * <p>Threading: see {@link AudioOutput}; everything but {@link #close()} and {@link #health()} is the
 * playback thread's.
 */
public final class PulseOutput implements AudioOutput {

    private static final Logger LOG = LoggerFactory.getLogger(PulseOutput.class);
    /** The stream's buffer: two chunks, so one can be written while the other plays. */
    static final int TARGET_MILLIS = 20;
    private static final int BYTES_PER_MILLI = PcmFormat.SAMPLE_RATE * 2 / 1000;
    private static final long RETRY_NANOS = 500_000_000L;
    public static final String DESCRIPTION = "default (PulseAudio)";

    private final byte[] bytes = new byte[PcmFormat.CHUNK_SAMPLES * 2];
    private final Object streamLock = new Object();
    private Pointer stream;
    private volatile boolean closed;
    private volatile OutputHealth health = new OutputHealth(0, 0, 0, 0, DESCRIPTION);
    private boolean broken;
    private boolean played;
    private long underruns;
    private long reopens;
    private long latencyMicros;

    private PulseOutput(Pointer stream) {
        this.stream = stream;
    }

    /**
     * Opens a playback stream on the default sink of the server libpulse finds (PULSE_SERVER, the user's
     * session).
     *
     * @throws AudioDeviceException when the library is missing or no server answers
     */
    public static PulseOutput open() {
        return new PulseOutput(openStream());
    }

    private static Pointer openStream() {
        PulseSimple.BufferAttr attr = new PulseSimple.BufferAttr();
        attr.tlength = TARGET_MILLIS * BYTES_PER_MILLI;
        attr.minreq = PcmFormat.CHUNK_SAMPLES * 2;
        IntByReference error = new IntByReference();
        Pointer stream;
        try {
            stream = PulseSimple.api().pa_simple_new(null, "Parley", PulseSimple.PA_STREAM_PLAYBACK, null, "Voice",
                    PulseSimple.mono48k(), null, attr, error);
        } catch (IllegalStateException | LinkageError e) {
            throw new AudioDeviceException("PulseAudio playback unavailable: " + e.getMessage(), e);
        }
        if (stream == null) {
            throw new AudioDeviceException("PulseAudio playback did not open: " + PulseSimple.describe(error.getValue()));
        }
        LOG.info("Opened PulseAudio playback with a {} ms stream buffer", TARGET_MILLIS);
        return stream;
    }

    @Override
    public boolean pacedByDevice() {
        return true;
    }

    @Override
    public int awaitDemand() {
        while (!closed && broken) {
            reopen();
        }
        if (closed) {
            return 1;
        }
        IntByReference error = new IntByReference();
        long latency;
        synchronized (streamLock) {
            latency = stream == null ? -1 : PulseSimple.api().pa_simple_get_latency(stream, error);
        }
        if (latency == -1) {
            // -1 as pa_usec_t: the query failed; the next write will say whether the stream is gone.
            return 1;
        }
        latencyMicros = latency;
        if (played && latency < PcmFormat.CHUNK_MILLIS * 1_000L) {
            underruns++;
        }
        publish();
        return 1;
    }

    @Override
    public void write(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        if (closed || broken) {
            return;
        }
        for (int i = 0; i < chunk.length; i++) {
            bytes[2 * i] = (byte) chunk[i];
            bytes[2 * i + 1] = (byte) (chunk[i] >> 8);
        }
        IntByReference error = new IntByReference();
        int result;
        synchronized (streamLock) {
            if (stream == null) {
                return;
            }
            result = PulseSimple.api().pa_simple_write(stream, bytes, new NativeLong(bytes.length), error);
        }
        if (result < 0) {
            LOG.warn("PulseAudio playback failed: {}", PulseSimple.describe(error.getValue()));
            broken = true;
            return;
        }
        played = true;
    }

    /** Playback thread: frees the failed stream and opens a new one, or waits a while and says so. */
    private void reopen() {
        synchronized (streamLock) {
            if (stream != null) {
                PulseSimple.api().pa_simple_free(stream);
                stream = null;
            }
        }
        reopens++;
        try {
            Pointer next = openStream();
            synchronized (streamLock) {
                if (closed) {
                    PulseSimple.api().pa_simple_free(next);
                    return;
                }
                stream = next;
            }
            broken = false;
            played = false;
            publish();
        } catch (AudioDeviceException e) {
            publish();
            LockSupport.parkNanos(RETRY_NANOS);
            if (!closed) {
                throw e;
            }
        }
    }

    private void publish() {
        health = new OutputHealth(underruns, 0, reopens, (int) Math.min(Integer.MAX_VALUE, latencyMicros / 1_000L),
                DESCRIPTION);
    }

    @Override
    public OutputHealth health() {
        return health;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (streamLock) {
            if (stream != null) {
                PulseSimple.api().pa_simple_free(stream);
                stream = null;
            }
        }
    }
}
