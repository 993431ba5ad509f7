package dev.parley.client.ui.voice;

import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.client.ui.app.VoicePreferences;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice bar's {@link VoiceControls} over the core {@link VoiceEngine}. Remembers what the user set
 * (mode, key, mute, deafen, threshold, volumes, whisper target and key, call or channel) so an engine rebuilt for new
 * devices or codec settings carries on where the old one stopped. Opening devices and starting or stopping an engine happen one
 * at a time on a private {@code parley-voice-control} thread, so neither the UI thread nor the client's
 * event thread waits for a sound card. Thread-safe.
 */
public final class EngineVoiceControls implements VoiceControls {
    private static final Logger log = LoggerFactory.getLogger(EngineVoiceControls.class);

    private final ControlClient client;
    private final AudioDevices devices;
    private final ExecutorService control = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-voice-control");
        thread.setDaemon(true);
        return thread;
    });
    private final Listeners<AudioLevel> levels = new Listeners<>();
    private final Listeners<Boolean> selfTalking = new Listeners<>();
    private final Listeners<String> notices = new Listeners<>();
    private final Map<Long, Integer> volumes = new ConcurrentHashMap<>();
    private volatile VoiceEngine engine;
    private volatile VoicePreferences setup;
    private volatile TransmitMode mode;
    private volatile boolean pushToTalk;
    private volatile boolean muted;
    private volatile boolean deafened;
    private volatile double thresholdDbfs;
    private volatile String notice = "";
    /** The whisper target last registered, for an engine rebuilt later (the room forgets it with the old session). */
    private volatile WhisperRegistration whisperTarget;
    /** The whisper target whose key is held, 0 when none. */
    private volatile int whisperHeld;
    /** Talk goes to my call rather than my channel (the call bar's choice while a call is active). */
    private volatile boolean talkToCall;
    /** My channel's end-to-end state as last set, for an engine rebuilt later: one value, so both halves agree. */
    private volatile ChannelEncryption encryption = new ChannelEncryption(false, null);
    private final Object encryptionLock = new Object();
    /** Control thread only. */
    private List<Subscription> engineSubscriptions = List.of();
    /** The current engine last said I was transmitting (set on its capture thread). */
    private volatile boolean engineTalking;

    private EngineVoiceControls(ControlClient client, AudioDevices devices, VoicePreferences preferences) {
        this.client = client;
        this.devices = devices;
        this.setup = preferences;
        this.mode = preferences.transmitMode();
        this.thresholdDbfs = preferences.vadThresholdDbfs();
    }

    /** Voice for a signed-in client; the devices open and the engine starts in the background. */
    public static EngineVoiceControls start(ControlClient client, AudioDevices devices, VoicePreferences preferences) {
        EngineVoiceControls controls = new EngineVoiceControls(client, devices, preferences);
        controls.submit(controls::startEngine);
        return controls;
    }

    @Override
    public void setTransmitMode(TransmitMode value) {
        mode = value;
        withEngine(running -> running.setTransmitMode(value));
    }

    @Override
    public void setPushToTalk(boolean pressed) {
        pushToTalk = pressed;
        withEngine(running -> running.setPushToTalk(pressed));
    }

    @Override
    public CompletableFuture<?> setWhisperTarget(int target, List<Long> userIds, Long channelId, boolean children) {
        WhisperRegistration registration = new WhisperRegistration(target, List.copyOf(userIds), channelId, children);
        whisperTarget = userIds.isEmpty() && channelId == null ? null : registration;
        VoiceEngine running = engine;
        // Without an engine yet, the new one registers it when it starts (see startEngine).
        return running == null ? CompletableFuture.completedFuture(null)
                : running.setWhisperTarget(target, registration.userIds(), channelId, children);
    }

    @Override
    public void setWhisper(int target, boolean pressed) {
        whisperHeld = pressed ? target : 0;
        withEngine(running -> running.setWhisper(target, pressed));
    }

    @Override
    public int transmitTarget() {
        VoiceEngine running = engine;
        return running == null ? 0 : running.transmitTarget();
    }

    @Override
    public void setTalkToCall(boolean toCall) {
        talkToCall = toCall;
        withEngine(running -> running.setTalkToCall(toCall));
    }

    @Override
    public boolean talksToCall() {
        return talkToCall;
    }

    @Override
    public CompletableFuture<?> setSelfMuted(boolean value) {
        muted = value;
        VoiceEngine running = engine;
        // Without an engine yet, the new one applies it when it starts.
        return running == null ? CompletableFuture.completedFuture(null) : running.setSelfMuted(value);
    }

    @Override
    public void setChannelEncryption(boolean encrypted, dev.parley.protocol.e2e.ChannelKey key) {
        ChannelEncryption value = new ChannelEncryption(encrypted, encrypted ? key : null);
        // Locked with the engine's start, so a value read there can never overwrite a newer one set here.
        synchronized (encryptionLock) {
            encryption = value;
            withEngine(running -> running.setChannelEncryption(value.encrypted(), value.key()));
        }
    }

    @Override
    public CompletableFuture<?> setDeafened(boolean value) {
        deafened = value;
        VoiceEngine running = engine;
        return running == null ? CompletableFuture.completedFuture(null) : running.setDeafened(value);
    }

    @Override
    public void setVoiceActivationThreshold(double dbfs) {
        thresholdDbfs = dbfs;
        withEngine(running -> running.setVoiceActivationThreshold(dbfs));
    }

    @Override
    public void setUserVolume(long userId, int percent) {
        volumes.put(userId, percent);
        withEngine(running -> running.setUserVolume(userId, percent));
    }

    @Override
    public void reconfigure(VoicePreferences preferences) {
        VoicePreferences before = setup;
        setup = preferences;
        if (VoiceSetup.needsRestart(before, preferences)) {
            log.info("Voice settings changed; restarting voice with the new devices and codec");
            submit(() -> {
                stopEngine();
                startEngine();
            });
        }
    }

    /** The running recording of my channel, or null; control thread only. */
    private dev.parley.client.core.record.ChannelRecording recording;
    /** The running recording of my call, or null; control thread only. */
    private dev.parley.client.core.record.ChannelRecording callRecording;

    @Override
    public CompletableFuture<?> startRecording(java.nio.file.Path folder) {
        return startRecording(dev.parley.client.core.voice.RecordedAudio.CHANNEL, folder);
    }

    @Override
    public CompletableFuture<List<java.nio.file.Path>> stopRecording() {
        return stopRecording(dev.parley.client.core.voice.RecordedAudio.CHANNEL);
    }

    @Override
    public CompletableFuture<?> startCallRecording(java.nio.file.Path folder) {
        return startRecording(dev.parley.client.core.voice.RecordedAudio.CALL, folder);
    }

    @Override
    public CompletableFuture<List<java.nio.file.Path>> stopCallRecording() {
        return stopRecording(dev.parley.client.core.voice.RecordedAudio.CALL);
    }

    private CompletableFuture<?> startRecording(dev.parley.client.core.voice.RecordedAudio audio,
            java.nio.file.Path folder) {
        boolean call = audio == dev.parley.client.core.voice.RecordedAudio.CALL;
        CompletableFuture<Object> started = new CompletableFuture<>();
        submit(() -> {
            VoiceEngine running = engine;
            if (running == null) {
                started.completeExceptionally(new IllegalStateException("Voice is not running."));
            } else if ((call ? callRecording : recording) != null) {
                started.completeExceptionally(new IllegalStateException("Already recording."));
            } else {
                (call ? dev.parley.client.core.record.ChannelRecording.startCall(client, running, folder, session -> null)
                        : dev.parley.client.core.record.ChannelRecording.start(client, running, folder, session -> null))
                        .whenComplete((next, error) -> submit(() -> {
                            if (error != null) {
                                started.completeExceptionally(error);
                            } else if (call) {
                                callRecording = next;
                                started.complete(next.folder());
                            } else {
                                recording = next;
                                started.complete(next.folder());
                            }
                        }));
            }
        });
        return started;
    }

    private CompletableFuture<List<java.nio.file.Path>> stopRecording(dev.parley.client.core.voice.RecordedAudio audio) {
        boolean call = audio == dev.parley.client.core.voice.RecordedAudio.CALL;
        CompletableFuture<List<java.nio.file.Path>> stopped = new CompletableFuture<>();
        submit(() -> {
            dev.parley.client.core.record.ChannelRecording running = call ? callRecording : recording;
            try {
                stopped.complete(running == null ? List.of() : running.stop());
            } catch (java.io.IOException | RuntimeException e) {
                stopped.completeExceptionally(e);
            } finally {
                if (call) {
                    callRecording = null;
                } else {
                    recording = null;
                }
            }
        });
        return stopped;
    }

    @Override
    public Subscription onInputLevel(Consumer<? super AudioLevel> listener) {
        return levels.add(listener);
    }

    @Override
    public Subscription onSelfTalking(Consumer<? super Boolean> listener) {
        return selfTalking.add(listener);
    }

    /** Fires the current notice at once, then every change. */
    @Override
    public Subscription onNotice(Consumer<? super String> listener) {
        Subscription subscription = notices.add(listener);
        listener.accept(notice);
        return subscription;
    }

    @Override
    public Optional<LinkQuality> linkQuality() {
        VoiceEngine running = engine;
        return running == null ? Optional.empty() : running.transportStats().map(EngineVoiceControls::quality);
    }

    @Override
    public Optional<OutputHealth> outputHealth() {
        VoiceEngine running = engine;
        return running == null ? Optional.empty() : Optional.of(running.outputHealth());
    }

    @Override
    public Optional<InputHealth> inputHealth() {
        VoiceEngine running = engine;
        return running == null ? Optional.empty() : Optional.of(running.inputHealth());
    }

    private record ChannelEncryption(boolean encrypted, dev.parley.protocol.e2e.ChannelKey key) {
    }

    /** A whisper target as registered through {@link #setWhisperTarget}. */
    private record WhisperRegistration(int target, List<Long> userIds, Long channelId, boolean children) {
    }

    static LinkQuality quality(TransportStats stats) {
        return new LinkQuality(stats.rttMs(), Math.max(stats.upstreamLossPercent(), stats.downstreamLossPercent()),
                stats.path() == VoicePath.PROBING ? "probing" : stats.path().name());
    }

    /** Stops voice and closes the devices; waits up to a few seconds. */
    @Override
    public void close() {
        submit(this::stopEngine);
        control.shutdown();
        try {
            if (!control.awaitTermination(3, TimeUnit.SECONDS)) {
                log.warn("Voice did not stop within 3 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- control thread -------------------------------------------------------------------------

    private void startEngine() {
        VoicePreferences chosen = setup;
        VoiceSetup.Devices opened = VoiceSetup.open(devices, chosen);
        VoiceEngine next = new VoiceEngine(client, opened.input(), opened.output(),
                VoiceSetup.settings(chosen).withTransmitMode(mode));
        next.setVoiceActivationThreshold(thresholdDbfs);
        next.setPushToTalk(pushToTalk);
        // Before it starts: an engine for an encrypted channel never sends a frame in the clear.
        ChannelEncryption sealed = encryption;
        next.setChannelEncryption(sealed.encrypted(), sealed.key());
        volumes.forEach(next::setUserVolume);
        WhisperRegistration whisper = whisperTarget;
        if (whisper != null) {
            // Not started yet: the engine sends it with its voice.ready.
            next.setWhisperTarget(whisper.target(), whisper.userIds(), whisper.channelId(), whisper.children());
        }
        engineSubscriptions = List.of(
                next.onInputLevel(levels::fire),
                next.onSelfTalking(this::engineTalkingChanged));
        engine = next;
        // A setter may have run while the engine was being built: apply the latest choices again.
        next.setTransmitMode(mode);
        next.setPushToTalk(pushToTalk);
        next.setVoiceActivationThreshold(thresholdDbfs);
        synchronized (encryptionLock) { // set while the engine was being built (the setter saw no engine yet)
            ChannelEncryption latest = encryption;
            next.setChannelEncryption(latest.encrypted(), latest.key());
        }
        // An engine rebuilt for new devices mid-call keeps talking to the call.
        next.setTalkToCall(talkToCall);
        int held = whisperHeld;
        if (held != 0) {
            next.setWhisper(held, true);
        }
        setNotice(opened.note());
        if (muted) {
            next.setSelfMuted(true);
        }
        if (deafened) {
            next.setDeafened(true);
        }
        next.start().whenComplete((session, failure) -> {
            if (failure != null) {
                log.warn("The room did not start voice: {}", failure.toString());
                setNotice("Voice is not available in this room right now");
            }
        });
    }

    private void engineTalkingChanged(boolean talking) {
        engineTalking = talking;
        selfTalking.fire(talking);
    }

    private void stopEngine() {
        VoiceEngine running = engine;
        if (running == null) {
            return;
        }
        engine = null;
        // A recording hears through this engine: it ends with it (its files are kept).
        for (dev.parley.client.core.record.ChannelRecording open : java.util.Arrays.asList(recording, callRecording)) {
            if (open != null) {
                try {
                    open.stop();
                } catch (java.io.IOException e) {
                    log.warn("Recording could not be finished: {}", e.toString());
                }
            }
        }
        recording = null;
        callRecording = null;
        engineSubscriptions.forEach(Subscription::close);
        engineSubscriptions = List.of();
        running.close();
        if (running.isTalking() || engineTalking) {
            engineTalking = false;
            selfTalking.fire(false);
        }
    }

    private void setNotice(String value) {
        notice = value;
        notices.fire(value);
    }

    private void withEngine(Consumer<VoiceEngine> action) {
        VoiceEngine running = engine;
        if (running != null) {
            action.accept(running);
        }
    }

    private void submit(Runnable work) {
        try {
            control.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Voice control failed", e);
                    setNotice("Voice stopped after an error");
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Voice already closed");
        }
    }
}
