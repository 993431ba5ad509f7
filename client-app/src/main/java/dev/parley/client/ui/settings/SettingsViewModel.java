package dev.parley.client.ui.settings;

import dev.parley.client.core.audio.device.AudioDeviceInfo;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.ui.app.PreferencesStore;
import dev.parley.client.ui.app.UserPreferences;
import dev.parley.client.ui.app.VoicePreferences;
import java.util.List;
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
    private final StringProperty theme = new SimpleStringProperty();
    private final BooleanProperty notifications = new SimpleBooleanProperty();

    public SettingsViewModel(PreferencesStore preferences, AudioDevices devices) {
        this.preferences = preferences;
        inputs.add(SYSTEM_DEFAULT);
        outputs.add(SYSTEM_DEFAULT);
        try {
            devices.inputs().stream().map(AudioDeviceInfo::name).forEach(inputs::add);
            devices.outputs().stream().map(AudioDeviceInfo::name).forEach(outputs::add);
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
        theme.set(prefs.theme());
        notifications.set(prefs.notifications());
    }

    /** Writes the form to the preferences. */
    public UserPreferences save() {
        String in = SYSTEM_DEFAULT.equals(input.get()) ? "" : input.get();
        String out = SYSTEM_DEFAULT.equals(output.get()) ? "" : output.get();
        return preferences.update(prefs -> prefs
                .withVoice(prefs.voice().withDevices(in, out)
                        .withProcessing(echoCancellation.get(), noiseSuppression.get(), gainControl.get())
                        .withCodec(bitrate.get(), frameMillis.get())
                        .withPttKey(pttKey.get()))
                .withTheme(theme.get())
                .withNotifications(notifications.get()));
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

    public StringProperty themeProperty() {
        return theme;
    }

    public BooleanProperty notificationsProperty() {
        return notifications;
    }
}
