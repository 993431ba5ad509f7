package dev.parley.client.ui.voice;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.ui.app.VoicePreferences;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the voice bar needs from voice: a small seam the core {@code VoiceEngine} satisfies with a thin
 * adapter, and tests with a fake. Implementations are thread-safe; listeners may run on audio threads
 * (the view-model bridges them).
 */
public interface VoiceControls extends AutoCloseable {

    void setTransmitMode(TransmitMode mode);

    /** The push-to-talk key or button is held (true) or released. */
    void setPushToTalk(boolean pressed);

    CompletableFuture<?> setSelfMuted(boolean muted);

    /**
     * Registers whisper target {@code target} (1..30) on the room: these users, and/or a channel (with its
     * sub-channels when {@code children}). Fails with the room's refusal (friends only, no speak right).
     */
    default CompletableFuture<?> setWhisperTarget(int target, java.util.List<Long> userIds, Long channelId,
                                                  boolean children) {
        return CompletableFuture.failedFuture(new IllegalStateException("This voice cannot whisper."));
    }

    /** The whisper key for {@code target} is held (true) or released: while held, talk goes to that target. */
    default void setWhisper(int target, boolean pressed) {
    }

    /** 0 while talk goes to my channel, 1..30 the whisper target whose key is held, 31 my call. */
    default int transmitTarget() {
        return 0;
    }

    /**
     * Talk to my call (true) or to my channel (false) while no whisper key is held: one or the other,
     * never both. Voice without calls ignores it.
     */
    default void setTalkToCall(boolean toCall) {
    }

    /** Whether talk goes to my call (when no whisper key is held). */
    default boolean talksToCall() {
        return false;
    }

    CompletableFuture<?> setDeafened(boolean deafened);

    /**
     * Whether my channel is end-to-end encrypted and, if so, its key (null while the user has not given the
     * passphrase: then nothing is sent to or played from that channel). Kept for an engine rebuilt later, so a
     * restart for new devices never sends one frame in the clear. Voice without encryption ignores it.
     */
    default void setChannelEncryption(boolean encrypted, dev.parley.protocol.e2e.ChannelKey key) {
    }

    /** Voice activation threshold on the level meter's dBFS scale. */
    void setVoiceActivationThreshold(double dbfs);

    /** Playback volume of one user, 0..200 percent. */
    void setUserVolume(long userId, int percent);

    /** Input level, many times a second. */
    Subscription onInputLevel(Consumer<? super AudioLevel> listener);

    /** Whether my microphone is being sent. */
    Subscription onSelfTalking(Consumer<? super Boolean> listener);

    /**
     * New device, processing or codec choices: applied at once (voice restarts with new devices if it
     * must). Mode, key and threshold have their own setters.
     */
    void reconfigure(VoicePreferences preferences);

    /** A sentence about voice the user should see (no sound card, voice refused), or "" when all is well. */
    Subscription onNotice(Consumer<? super String> listener);

    /** Round trip and loss while voice is up. */
    Optional<LinkQuality> linkQuality();

    /** The speaker's underruns and re-opens while voice is up; empty when voice is off. */
    default Optional<OutputHealth> outputHealth() {
        return Optional.empty();
    }

    /** The microphone's re-opens while voice is up; empty when voice is off. */
    default Optional<InputHealth> inputHealth() {
        return Optional.empty();
    }

    /**
     * Starts recording my channel into {@code folder} (one Ogg Opus file per speaker); the room tells
     * everyone in the channel. Fails when voice is not running or the room refuses.
     */
    default CompletableFuture<?> startRecording(java.nio.file.Path folder) {
        return CompletableFuture.failedFuture(new IllegalStateException("This voice cannot record."));
    }

    /** Stops my recording; completes with the files written (empty when none was running). */
    default CompletableFuture<java.util.List<java.nio.file.Path>> stopRecording() {
        return CompletableFuture.completedFuture(java.util.List.of());
    }

    /**
     * Starts recording my current call into {@code folder} (its two voices, one file each, and the mix);
     * the room tells both sides. Fails when voice is not running or the room refuses (no answered call).
     */
    default CompletableFuture<?> startCallRecording(java.nio.file.Path folder) {
        return CompletableFuture.failedFuture(new IllegalStateException("This voice cannot record."));
    }

    /** Stops my recording of my call; completes with the files written (empty when none was running). */
    default CompletableFuture<java.util.List<java.nio.file.Path>> stopCallRecording() {
        return CompletableFuture.completedFuture(java.util.List.of());
    }

    @Override
    void close();

    /** The voice link's health: round trip in ms (negative before the first measurement) and loss in percent. */
    record LinkQuality(double rttMs, double lossPercent, String path) {
    }
}
