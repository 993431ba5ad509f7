package dev.parley.client.core.audio.dsp;

/**
 * The native side of {@link AudioProcessor}: every buffer is exactly one 10 ms chunk of 16-bit
 * little-endian PCM ({@link dev.parley.client.core.audio.PcmFormat#CHUNK_BYTES} bytes); the caller
 * guarantees it.
 *
 * <p>Threading is the caller's job: {@link AudioProcessor} serialises capture calls, serialises playback
 * calls, and closes only when neither is running.
 */
interface ProcessingEngine {

    void apply(AudioProcessingSettings settings);

    void setStreamDelayMs(int delayMs);

    /** Processes microphone audio; returns false if the engine failed and {@code dst} must not be used. */
    boolean processCapture(byte[] src, byte[] dst);

    /** Feeds what the speakers play, the echo reference. */
    void processPlayback(byte[] src, byte[] dst);

    void close();

    /** Creates an engine; may throw {@link LinkageError} or a runtime exception when the native code is missing. */
    @FunctionalInterface
    interface Factory {
        ProcessingEngine create();
    }
}
