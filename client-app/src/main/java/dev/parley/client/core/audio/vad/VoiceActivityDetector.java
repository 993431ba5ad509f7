package dev.parley.client.core.audio.vad;

/**
 * Estimates how likely a 10 ms chunk of 48 kHz mono audio contains speech. Implementations keep state
 * across chunks, so feed every chunk in order.
 *
 * <p>Not thread-safe: confined to the capture thread.
 */
public interface VoiceActivityDetector extends AutoCloseable {

    /** Probability in [0, 1] that {@code chunk} (exactly 480 samples) is speech. */
    float voiceProbability(short[] chunk);

    /** Short name for logs, e.g. "webrtc" or "energy". */
    String name();

    @Override
    void close();
}
