package dev.parley.client.core.audio;

/**
 * A source of 48 kHz mono 16-bit PCM in 10 ms chunks (see {@link PcmFormat}).
 *
 * <p>Threading: {@link #start()} and {@link #read(short[])} belong to one capture thread; {@link #close()}
 * may be called from any thread and makes a blocked {@code read} return {@code false} soon after.
 */
public interface AudioInput extends AutoCloseable {

    /** Starts producing audio; idempotent. */
    void start();

    /**
     * Fills {@code chunk} (exactly {@link PcmFormat#CHUNK_SAMPLES} long) with the next 10 ms, blocking until
     * they are available.
     *
     * @return {@code false} when the input has ended or was closed; {@code chunk} is then unspecified
     */
    boolean read(short[] chunk);

    /** What the device has been through (re-opens on the system default); thread-safe. */
    default InputHealth health() {
        return InputHealth.NONE;
    }

    /** Human-readable description for logs and the UI, e.g. the device name or file name. */
    String description();

    @Override
    void close();
}
