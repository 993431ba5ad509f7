package dev.parley.client.core.voice;

import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.core.voice.receive.ReceiveStats;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Hear yourself as others would: microphone → processing → gate → Opus → jitter buffer → decoder →
 * speaker, without the network. Uses the same chains as the {@link VoiceEngine}. Thread-safe: start and
 * close from any thread; listeners run on the capture thread.
 */
public final class MicTest implements AutoCloseable {

    /** The speaker id the local loop plays under. */
    private static final int SELF = 0;

    private final CaptureChain capture;
    private final PlaybackChain playback;
    private final Listeners<AudioLevel> levels = new Listeners<>();

    private MicTest(AudioInput input, AudioOutput output, VoiceSettings settings) {
        this.capture = new CaptureChain(input, settings, levels::fire,
                packet -> playback().receiver().offer(SELF, packet, System.nanoTime()));
        this.playback = new PlaybackChain(output, settings.jitter(), capture.processor());
    }

    private PlaybackChain playback() {
        return playback;
    }

    /** Starts capturing and playing back; {@link #close()} stops both and closes the devices. */
    public static MicTest start(AudioInput input, AudioOutput output, VoiceSettings settings) {
        MicTest test = new MicTest(input, output, settings);
        test.playback.start();
        test.capture.start();
        return test;
    }

    public Subscription onInputLevel(Consumer<? super AudioLevel> listener) {
        return levels.add(listener);
    }

    public boolean isTalking() {
        return capture.gate().isTalking();
    }

    /** The speaker's underruns, refills and re-opens during the test. */
    public OutputHealth outputHealth() {
        return playback.health();
    }

    /** Whether the microphone is being read yet (the first start in a JVM warms the capture path first). */
    public boolean isCapturing() {
        return capture.isCapturing();
    }

    /** The microphone's re-opens and discarded audio during the test. */
    public InputHealth inputHealth() {
        return capture.inputHealth();
    }

    public Optional<ReceiveStats> stats() {
        return playback.receiver().stats(SELF);
    }

    @Override
    public void close() {
        capture.close();
        playback.close();
    }
}
