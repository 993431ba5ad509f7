package dev.parley.client.ui.settings;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.device.AbsentAudioInput;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.voice.MicTest;
import dev.parley.client.ui.app.VoicePreferences;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.voice.MeterScale;
import dev.parley.client.ui.voice.VoiceSetup;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The microphone test in Settings: runs the core {@link MicTest} (you hear yourself as others would) on
 * the devices chosen in the form and shows its input level. Properties are UI thread only; devices
 * open and close on the background executor.
 */
public final class MicCheckViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MicCheckViewModel.class);
    static final String NO_MICROPHONE = "No microphone found: nothing to test. Connect one or choose another.";

    private final AudioDevices devices;
    private final Executor background;
    private final UiThread ui;
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty level = new SimpleDoubleProperty();
    private final StringProperty note = new SimpleStringProperty("");
    private final AtomicBoolean levelPending = new AtomicBoolean();
    private volatile double latestDbfs = MeterScale.FLOOR_DBFS;
    /** Background executor only (one test at a time: start and stop are queued in order there). */
    private MicTest test;
    private Subscription levels;

    public MicCheckViewModel(AudioDevices devices, Executor background, UiThread ui) {
        this.devices = devices;
        this.background = background;
        this.ui = ui;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** Input level during the test, 0..1 of the meter. */
    public DoubleProperty levelProperty() {
        return level;
    }

    /** Which devices the test uses, or why it runs silent. */
    public StringProperty noteProperty() {
        return note;
    }

    /** Starts the test on {@code chosen}'s devices and processing, or stops a running one. */
    public void toggle(VoicePreferences chosen) {
        if (running.get()) {
            stop();
            return;
        }
        running.set(true);
        note.set("Starting…");
        background.execute(() -> {
            try {
                VoiceSetup.Devices opened = VoiceSetup.open(devices, chosen);
                if (opened.input() instanceof AbsentAudioInput) {
                    // Nothing would ever arrive: "Starting the microphone…" stayed up for good.
                    opened.input().close();
                    opened.output().close();
                    ui.run(() -> {
                        running.set(false);
                        note.set(NO_MICROPHONE);
                    });
                    return;
                }
                test = MicTest.start(opened.input(), opened.output(), VoiceSetup.settings(chosen));
                String sentence = opened.note().isEmpty()
                        ? "Speak: you hear yourself through " + opened.output().description()
                        : opened.note();
                // "Speak" only once the microphone really delivers: the first test in a session warms the
                // capture path and the line may take a second to start (PulseAudio), and a user who spoke at
                // once lost the first 0.3-1.4 s. The first level comes from the first captured chunk.
                AtomicBoolean live = new AtomicBoolean();
                ui.run(() -> note.set("Starting the microphone…"));
                levels = test.onInputLevel(measured -> {
                    latestDbfs = measured.rmsDbfs();
                    boolean first = live.compareAndSet(false, true);
                    if (levelPending.compareAndSet(false, true) || first) {
                        ui.run(() -> {
                            levelPending.set(false);
                            level.set(MeterScale.toMeter(latestDbfs));
                            if (first && running.get()) {
                                note.set(sentence);
                            }
                        });
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Microphone test failed to start", e);
                ui.run(() -> {
                    running.set(false);
                    note.set("The microphone test could not start");
                });
            }
        });
    }

    public void stop() {
        running.set(false);
        level.set(0);
        note.set("");
        background.execute(this::closeTest);
    }

    private void closeTest() {
        if (levels != null) {
            levels.close();
            levels = null;
        }
        if (test != null) {
            test.close();
            test = null;
        }
    }

    @Override
    public void close() {
        if (running.get()) {
            stop();
        }
    }
}
