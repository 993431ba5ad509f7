package dev.parley.client.ui.settings;

import dev.parley.client.core.audio.device.AudioDeviceInfo;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.ui.app.PreferencesStore;
import dev.parley.client.ui.app.UserPreferences;
import dev.parley.client.ui.app.VoicePreferences;
import dev.parley.client.ui.fx.UiThread;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The settings form, loaded from and saved to the preferences. UI thread only. */
public final class SettingsViewModel {
    public static final String SYSTEM_DEFAULT = "System default";
    public static final List<Integer> BITRATES = List.of(16_000, 24_000, 32_000, 48_000, 64_000);
    public static final List<Integer> FRAME_MILLIS = List.of(10, 20, 40, 60);

    private final PreferencesStore preferences;
    private final ObservableList<String> inputs = FXCollections.observableArrayList();
    private final ObservableList<String> outputs = FXCollections.observableArrayList();
    private final StringProperty input = new SimpleStringProperty();
    private final StringProperty output = new SimpleStringProperty();
    private final BooleanProperty echoCancellation = new SimpleBooleanProperty();
    private final BooleanProperty noiseSuppression = new SimpleBooleanProperty();
    private final BooleanProperty gainControl = new SimpleBooleanProperty();
    private final IntegerProperty bitrate = new SimpleIntegerProperty();
    private final IntegerProperty frameMillis = new SimpleIntegerProperty();
    private final StringProperty pttKey = new SimpleStringProperty();
    private final StringProperty whisperKey = new SimpleStringProperty();
    private final StringProperty theme = new SimpleStringProperty();
    private final BooleanProperty notifications = new SimpleBooleanProperty();
    private final IntegerProperty awayAfterMinutes = new SimpleIntegerProperty();

    private final MicCheckViewModel micCheck;

    public SettingsViewModel(PreferencesStore preferences, AudioDevices devices, Executor background, UiThread ui) {
        this.preferences = preferences;
        this.micCheck = new MicCheckViewModel(devices, background, ui);
        inputs.add(SYSTEM_DEFAULT);
        outputs.add(SYSTEM_DEFAULT);
        try {
            devices.inputs().stream().map(AudioDeviceInfo::name).filter(name -> !AudioDevices.DEFAULT.equals(name))
                    .forEach(inputs::add);
            devices.outputs().stream().map(AudioDeviceInfo::name).filter(name -> !AudioDevices.DEFAULT.equals(name))
                    .forEach(outputs::add);
        } catch (RuntimeException e) {
            // No sound system (headless machine): only the default is offered.
        }
        UserPreferences prefs = preferences.get();
        VoicePreferences voice = prefs.voice();
        input.set(voice.inputDevice().isEmpty() ? SYSTEM_DEFAULT : voice.inputDevice());
        output.set(voice.outputDevice().isEmpty() ? SYSTEM_DEFAULT : voice.outputDevice());
        echoCancellation.set(voice.echoCancellation());
        noiseSuppression.set(voice.noiseSuppression());
        gainControl.set(voice.gainControl());
        bitrate.set(voice.bitrateBps());
        frameMillis.set(voice.frameMillis());
        pttKey.set(voice.pttKey());
        whisperKey.set(voice.whisperKey());
        theme.set(prefs.theme());
        notifications.set(prefs.notifications());
        awayAfterMinutes.set(prefs.awayAfterMinutes());
    }

    /** Writes the form to the preferences. */
    public UserPreferences save() {
        VoicePreferences voice = chosenVoice();
        return preferences.update(prefs -> prefs.withVoice(voice).withTheme(theme.get())
                .withNotifications(notifications.get()).withAwayAfterMinutes(Math.max(0, awayAfterMinutes.get())));
    }

    /** The voice settings as the form shows them now, saved or not (the microphone test uses them). */
    public VoicePreferences chosenVoice() {
        String in = SYSTEM_DEFAULT.equals(input.get()) ? "" : input.get();
        String out = SYSTEM_DEFAULT.equals(output.get()) ? "" : output.get();
        return preferences.get().voice().withDevices(in, out)
                .withProcessing(echoCancellation.get(), noiseSuppression.get(), gainControl.get())
                .withCodec(bitrate.get(), frameMillis.get())
                .withPttKey(pttKey.get())
                .withWhisperKey(whisperKey.get());
    }

    public MicCheckViewModel micCheck() {
        return micCheck;
    }

    public ObservableList<String> inputs() {
        return inputs;
    }

    public ObservableList<String> outputs() {
        return outputs;
    }

    public StringProperty inputProperty() {
        return input;
    }

    public StringProperty outputProperty() {
        return output;
    }

    public BooleanProperty echoCancellationProperty() {
        return echoCancellation;
    }

    public BooleanProperty noiseSuppressionProperty() {
        return noiseSuppression;
    }

    public BooleanProperty gainControlProperty() {
        return gainControl;
    }

    public IntegerProperty bitrateProperty() {
        return bitrate;
    }

    public IntegerProperty frameMillisProperty() {
        return frameMillis;
    }

    public StringProperty pttKeyProperty() {
        return pttKey;
    }

    /** The whisper key: held, it talks to the people or channel selected in the channel tree. */
    public StringProperty whisperKeyProperty() {
        return whisperKey;
    }

    public StringProperty themeProperty() {
        return theme;
    }

    /** Idle minutes before turning away by myself; 0 never. */
    public IntegerProperty awayAfterMinutesProperty() {
        return awayAfterMinutes;
    }

    /** How a push-to-talk (or whisper) key preference reads: "F9", "Middle mouse button", "Back mouse button". */
    public static String pttDisplayName(String preference) {
        if (preference != null && preference.startsWith(dev.parley.client.ui.voice.PushToTalkKeys.MOUSE_PREFIX)) {
            String button = preference.substring(dev.parley.client.ui.voice.PushToTalkKeys.MOUSE_PREFIX.length());
            return button.charAt(0) + button.substring(1).toLowerCase(java.util.Locale.ROOT) + " mouse button";
        }
        return preference;
    }

    public BooleanProperty notificationsProperty() {
        return notifications;
    }
}
