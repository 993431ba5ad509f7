package dev.parley.client.core.audio;

/**
 * A sink for 48 kHz mono 16-bit PCM in chunks of 10 ms, or of 5 ms from a playback loop that keeps time itself
 * (see {@link PcmFormat#requirePlaybackChunk}).

 *
 * <p>Threading: {@link #write(short[])} belongs to one playback thread; {@link #close()} may be called from
 * any thread.
 */
public interface AudioOutput extends AutoCloseable {

    /**
     * Plays or stores one chunk ({@link PcmFormat#CHUNK_SAMPLES} long, or half that unless
     * {@link #pacedByDevice()}: a device-paced output always gets 10 ms chunks). Real-time outputs block
     * while their buffer is full, which paces the caller at real time. Writing after close is ignored.
     */
    void write(short[] chunk);

    /** Human-readable description for logs and the UI. */
    String description();

    /**
     * Whether this output keeps time itself (a sound card, or a null device standing in for one). A
     * playback loop then pulls audio when {@link #awaitDemand()} says so instead of timing itself with the
     * system clock; outputs that return false (files, tests) are written at the loop's own 10 ms pace.
     */
    default boolean pacedByDevice() {
        return false;
    }

    /**
     * Blocks until the device wants audio and returns how many 10 ms chunks to {@link #write} now (at
     * least 1): usually 1; more right after an underrun, to rebuild the cushion before playing on. Never
     * blocks for more than a few chunks' time. Called on the playback thread.
     *
     * @throws AudioDeviceException when the device is gone and could not be replaced
     */
    default int awaitDemand() {
        return 1;
    }

    /**
     * Whether this output throws the audio away (no speakers). A playback loop may then sleep while
     * nobody is speaking instead of mixing silence 100 times a second.
     */
    default boolean discards() {
        return false;
    }

    /** What went wrong on this output so far; thread-safe. */
    default OutputHealth health() {
        return OutputHealth.NONE;
    }

    @Override
    void close();
}
