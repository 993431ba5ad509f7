package dev.parley.client.core.audio;

/**
 * A sink for 48 kHz mono 16-bit PCM in 10 ms chunks (see {@link PcmFormat}).
 *
 * <p>Threading: {@link #write(short[])} belongs to one playback thread; {@link #close()} may be called from
 * any thread.
 */
public interface AudioOutput extends AutoCloseable {

    /**
     * Plays or stores one chunk (exactly {@link PcmFormat#CHUNK_SAMPLES} long). Real-time outputs block
     * while their buffer is full, which paces the caller at real time. Writing after close is ignored.
     */
    void write(short[] chunk);

    /** Human-readable description for logs and the UI. */
    String description();

    @Override
    void close();
}
