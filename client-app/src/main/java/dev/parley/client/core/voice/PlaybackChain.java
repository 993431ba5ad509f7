package dev.parley.client.core.voice;

import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.dsp.AudioProcessor;
import dev.parley.client.core.voice.jitter.JitterSettings;
import dev.parley.client.core.voice.mix.Mixer;
import dev.parley.client.core.voice.playback.PlaybackLoop;
import dev.parley.client.core.voice.receive.VoiceReceiver;
import java.time.Duration;

/**
 * Received packets to the speaker: per-speaker jitter buffers and decoders → mixer → output, with every
 * mixed chunk also fed to the echo canceller. The playback thread ({@code parley-playback}) is the
 * {@link PlaybackLoop}'s. Thread-safe as its parts are: offer packets from the network thread.
 */
final class PlaybackChain implements AutoCloseable {

    private final VoiceReceiver receiver;
    private final Mixer mixer;
    private final PlaybackLoop loop;
    private final AudioOutput output;

    PlaybackChain(AudioOutput output, JitterSettings jitter, AudioProcessor echoCanceller) {
        this.output = output;
        this.receiver = new VoiceReceiver(jitter, Duration.ofSeconds(30));
        this.mixer = new Mixer(receiver);
        this.loop = new PlaybackLoop(mixer, output, echoCanceller::processPlayback, MonotonicClock.system());
        receiver.setNewSpeakerListener(loop::speakerArrived);
    }

    VoiceReceiver receiver() {
        return receiver;
    }

    Mixer mixer() {
        return mixer;
    }

    PlaybackLoop loop() {
        return loop;
    }

    /** The speaker's trouble so far; any thread. */
    OutputHealth health() {
        return output.health();
    }

    void start() {
        loop.start();
    }

    @Override
    public void close() {
        loop.close();
        output.close();
    }
}
