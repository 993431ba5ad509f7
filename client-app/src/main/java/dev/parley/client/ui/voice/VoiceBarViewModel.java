package dev.parley.client.ui.voice;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.ui.app.PreferencesStore;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.fx.UiTicker;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The voice bar: transmit mode, push-to-talk, the whisper key, mute, deafen, the mic level with the voice activation
 * threshold on it (both as 0..1 of the meter's scale), and link quality. UI thread only, except
 * {@link #refreshLink()}; level and talking updates come from audio threads through {@link UiThread}, at
 * most one pending at a time.
 */
public final class VoiceBarViewModel implements AutoCloseable {
    private final VoiceControls voice;
    private final PreferencesStore preferences;
    private final UiThread ui;
    private final ObjectProperty<TransmitMode> transmitMode = new SimpleObjectProperty<>();
    private final BooleanProperty pushToTalk = new SimpleBooleanProperty();
    private final BooleanProperty transmitting = new SimpleBooleanProperty();
    private final BooleanProperty muted = new SimpleBooleanProperty();
    private final BooleanProperty deafened = new SimpleBooleanProperty();
    private final DoubleProperty level = new SimpleDoubleProperty();
    private final DoubleProperty threshold = new SimpleDoubleProperty();
    private final StringProperty link = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty audioHealth = new SimpleStringProperty("");
    private final AudioHealthIndicator healthIndicator = new AudioHealthIndicator();
    private final WhisperViewModel whisper;
    private final AtomicBoolean levelPending = new AtomicBoolean();
    private volatile double latestLevelDbfs = AudioLevel.FLOOR_DBFS;
    private final List<Subscription> subscriptions;
    private Subscription linkRefresh;
    /** Guards what the last refresh decided to show: the refresh runs on the ticker's thread (or any). */
    private final Object refreshLock = new Object();
    /** The link figures the label shows now; null before the first refresh. Guarded by refreshLock. */
    private java.util.Optional<VoiceControls.LinkQuality> shownLink;
    /** The health sentence handed to the UI thread last. Guarded by refreshLock (as is healthIndicator). */
    private String shownHealth = "";

    public VoiceBarViewModel(VoiceControls voice, PreferencesStore preferences, UiThread ui) {
        this.voice = voice;
        this.preferences = preferences;
        this.ui = ui;
        this.whisper = new WhisperViewModel(voice, ui, muted::get);
        var saved = preferences.get().voice();
        transmitMode.set(saved.transmitMode());
        threshold.set(MeterScale.toMeter(saved.vadThresholdDbfs()));
        voice.setTransmitMode(saved.transmitMode());
        voice.setVoiceActivationThreshold(saved.vadThresholdDbfs());
        transmitMode.addListener((obs, old, mode) -> {
            voice.setTransmitMode(mode);
            preferences.update(prefs -> prefs.withVoice(prefs.voice().withTransmitMode(mode)));
        });
        pushToTalk.addListener((obs, old, pressed) -> voice.setPushToTalk(pressed));
        subscriptions = List.of(
                voice.onSelfTalking(talking -> ui.run(() -> transmitting.set(talking))),
                voice.onInputLevel(this::levelMeasured),
                voice.onNotice(sentence -> ui.run(() -> notice.set(sentence))));
    }

    public ObjectProperty<TransmitMode> transmitModeProperty() {
        return transmitMode;
    }

    /** Held down by the button or the key. */
    public BooleanProperty pushToTalkProperty() {
        return pushToTalk;
    }

    /** The whisper key and what the bar says about whispers. */
    public WhisperViewModel whisper() {
        return whisper;
    }

    /** My microphone is being sent right now. */
    public BooleanProperty transmittingProperty() {
        return transmitting;
    }

    public BooleanProperty mutedProperty() {
        return muted;
    }

    public BooleanProperty deafenedProperty() {
        return deafened;
    }

    /** Input level, 0..1 of the meter. */
    public DoubleProperty levelProperty() {
        return level;
    }

    /** Voice activation threshold, 0..1 of the meter; drag it to change it. */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    public StringProperty linkProperty() {
        return link;
    }

    /** The speaker's quality indicator: dropouts or a lost device, "" when all is well. */
    public StringProperty audioHealthProperty() {
        return audioHealth;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public void setMuted(boolean value) {
        muted.set(value);
        voice.setSelfMuted(value).whenComplete((ok, failure) -> report(failure));
    }

    public void setDeafened(boolean value) {
        deafened.set(value);
        voice.setDeafened(value).whenComplete((ok, failure) -> report(failure));
    }

    /** Called when the user lets go of the threshold handle: applies and saves it. */
    public void commitThreshold(double meterValue) {
        double clamped = Math.max(0, Math.min(1, meterValue));
        threshold.set(clamped);
        double dbfs = MeterScale.toDbfs(clamped);
        voice.setVoiceActivationThreshold(dbfs);
        preferences.update(prefs -> prefs.withVoice(prefs.voice().withVadThresholdDbfs(dbfs)));
    }

    /**
     * Refreshes the link and health figures once a second until {@link #stopLinkRefresh()}. The figures are
     * read on the ticker's thread, and the UI thread is woken only when a label changes: in an idle room
     * that is almost never (docs/BENCHMARKS.md, issue 12).
     */
    public void startLinkRefresh() {
        if (linkRefresh == null) {
            linkRefresh = UiTicker.everyOffUi(java.time.Duration.ofSeconds(1), this::refreshLink);
        }
    }

    public void stopLinkRefresh() {
        if (linkRefresh != null) {
            linkRefresh.close();
            linkRefresh = null;
        }
    }

    /**
     * Reads round trip, loss and the speaker's health, and hands a label's new text to the UI thread only
     * when it changes. Any thread (the ticker's, about once a second). Returns whether anything was handed
     * over.
     */
    public boolean refreshLink() {
        String linkText = null;
        String healthText = null;
        synchronized (refreshLock) {
            java.util.Optional<VoiceControls.LinkQuality> now = voice.linkQuality();
            if (shownLink == null || movedEnough(shownLink, now)) {
                shownLink = now;
                linkText = describe(now);
            }
            String health = healthIndicator.update(voice.outputHealth(), voice.inputHealth(), System.nanoTime());
            if (!health.equals(shownHealth)) {
                shownHealth = health;
                healthText = health;
            }
        }
        if (linkText == null && healthText == null) {
            return false;
        }
        String newLink = linkText;
        String newHealth = healthText;
        ui.run(() -> {
            if (newLink != null) {
                link.set(newLink);
            }
            if (newHealth != null) {
                audioHealth.set(newHealth);
            }
        });
        return true;
    }

    /**
     * Whether the link figures moved enough to show the new ones: the path or whether there is voice at
     * all changed, the round trip by 5 ms and a fifth, or loss by a point. A label whose text changes
     * lays the whole window out again and repaints it; with the round trip jittering by a millisecond it
     * did so every second, the largest part of an idle app's CPU (docs/BENCHMARKS.md).
     */
    static boolean movedEnough(java.util.Optional<VoiceControls.LinkQuality> shown,
                               java.util.Optional<VoiceControls.LinkQuality> now) {
        if (shown.isEmpty() || now.isEmpty()) {
            return shown.isPresent() != now.isPresent();
        }
        VoiceControls.LinkQuality before = shown.get();
        VoiceControls.LinkQuality after = now.get();
        if (!before.path().equals(after.path()) || (before.rttMs() < 0) != (after.rttMs() < 0)) {
            return true;
        }
        return Math.abs(after.rttMs() - before.rttMs()) >= Math.max(5, before.rttMs() / 5)
                || Math.abs(after.lossPercent() - before.lossPercent()) >= 1;
    }

    static String describe(java.util.Optional<VoiceControls.LinkQuality> quality) {
        return quality.map(q -> q.rttMs() < 0 ? q.path()
                        : String.format(Locale.ROOT, "%s %.0f ms · %.1f %% loss", q.path(), q.rttMs(), q.lossPercent()))
                .orElse("voice off");
    }

    private void report(Throwable failure) {
        if (failure != null) {
            ui.run(() -> notice.set(Failures.sentence(failure)));
        }
    }

    private void levelMeasured(AudioLevel measured) {
        latestLevelDbfs = measured.rmsDbfs();
        // Audio threads report ~33 times a second: keep at most one hand-off queued.
        if (levelPending.compareAndSet(false, true)) {
            ui.run(() -> {
                levelPending.set(false);
                level.set(MeterScale.toMeter(latestLevelDbfs));
            });
        }
    }

    @Override
    public void close() {
        stopLinkRefresh();
        whisper.close();
        subscriptions.forEach(Subscription::close);
    }
}
