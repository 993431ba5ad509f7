package dev.parley.client.ui.voice;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.ui.app.VoicePreferences;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Voice that does nothing and says nothing: tests extend it with what they record. */
public class QuietVoiceControls implements VoiceControls {
    @Override
    public void setTransmitMode(TransmitMode mode) {
    }

    @Override
    public void setPushToTalk(boolean pressed) {
    }

    @Override
    public CompletableFuture<?> setSelfMuted(boolean value) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<?> setDeafened(boolean value) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void setVoiceActivationThreshold(double dbfs) {
    }

    @Override
    public void setUserVolume(long userId, int percent) {
    }

    @Override
    public Subscription onInputLevel(Consumer<? super AudioLevel> listener) {
        return () -> { };
    }

    @Override
    public Subscription onSelfTalking(Consumer<? super Boolean> listener) {
        return () -> { };
    }

    @Override
    public void reconfigure(VoicePreferences preferences) {
    }

    @Override
    public Subscription onNotice(Consumer<? super String> listener) {
        return () -> { };
    }

    @Override
    public Optional<LinkQuality> linkQuality() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
