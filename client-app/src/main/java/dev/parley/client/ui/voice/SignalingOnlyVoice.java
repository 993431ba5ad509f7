package dev.parley.client.ui.voice;

import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.message.Voice;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Voice without audio devices: keeps the transmit gate's logic (push-to-talk, always on) and tells the
 * server about mute and deafen, but captures and plays nothing. Used where no audio engine runs
 * (headless tests, machines without sound). Thread-safe.
 */
public final class SignalingOnlyVoice implements VoiceControls {
    private final ControlClient client;
    private final Listeners<Boolean> talking = new Listeners<>();
    private final Listeners<AudioLevel> levels = new Listeners<>();
    private TransmitMode mode = TransmitMode.PUSH_TO_TALK;
    private boolean pushToTalk;
    private boolean muted;
    private boolean deafened;
    private boolean transmitting;

    public SignalingOnlyVoice(ControlClient client) {
        this.client = client;
    }

    @Override
    public synchronized void setTransmitMode(TransmitMode mode) {
        this.mode = mode;
        update();
    }

    @Override
    public synchronized void setPushToTalk(boolean pressed) {
        pushToTalk = pressed;
        update();
    }

    @Override
    public synchronized CompletableFuture<?> setSelfMuted(boolean value) {
        muted = value;
        update();
        return client.requestOk(new Voice.SetState(muted, deafened));
    }

    @Override
    public synchronized CompletableFuture<?> setDeafened(boolean value) {
        deafened = value;
        update();
        return client.requestOk(new Voice.SetState(muted, deafened));
    }

    @Override
    public void setVoiceActivationThreshold(double dbfs) {
        // No microphone: nothing to gate.
    }

    @Override
    public void setUserVolume(long userId, int percent) {
        // No playback.
    }

    private void update() {
        boolean now = !muted && !deafened && switch (mode) {
            case PUSH_TO_TALK -> pushToTalk;
            case ALWAYS_ON -> true;
            case VOICE_ACTIVITY -> false;
        };
        if (now != transmitting) {
            transmitting = now;
            talking.fire(now);
        }
    }

    @Override
    public Subscription onInputLevel(Consumer<? super AudioLevel> listener) {
        return levels.add(listener);
    }

    @Override
    public Subscription onSelfTalking(Consumer<? super Boolean> listener) {
        return talking.add(listener);
    }

    @Override
    public Optional<LinkQuality> linkQuality() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // Nothing was opened.
    }
}
