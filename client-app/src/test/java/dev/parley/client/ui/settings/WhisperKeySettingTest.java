package dev.parley.client.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.device.NullAudioDevices;
import dev.parley.client.ui.app.PreferencesStore;
import dev.parley.client.ui.fx.UiThread;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whisper key preference: F8 unless chosen, kept beside the push-to-talk key, and there for older files. */
class WhisperKeySettingTest {
    @TempDir
    Path home;

    @Test
    void theWhisperKeyChosenInSettingsIsSavedAndReadBack() {
        try (PreferencesStore prefs = PreferencesStore.open(home)) {
            SettingsViewModel form = new SettingsViewModel(prefs, new NullAudioDevices(), Runnable::run, UiThread.direct());
            assertThat(form.whisperKeyProperty().get()).isEqualTo("F8");

            form.whisperKeyProperty().set("MOUSE_BACK");
            form.save();

            assertThat(prefs.get().voice().whisperKey()).isEqualTo("MOUSE_BACK");
            assertThat(prefs.get().voice().pttKey()).as("push-to-talk untouched").isEqualTo("F9");
            assertThat(SettingsViewModel.pttDisplayName(form.whisperKeyProperty().get())).isEqualTo("Back mouse button");
        }
        try (PreferencesStore again = PreferencesStore.open(home)) {
            assertThat(again.get().voice().whisperKey()).isEqualTo("MOUSE_BACK");
        }
    }

    @Test
    void preferencesSavedBeforeThereWasAWhisperKeyGetF8() throws Exception {
        Files.writeString(home.resolve(PreferencesStore.FILE_NAME),
                "{\"theme\":\"dark\",\"voice\":{\"pttKey\":\"F7\",\"transmitMode\":\"PUSH_TO_TALK\"}}");

        try (PreferencesStore prefs = PreferencesStore.open(home)) {
            assertThat(prefs.get().voice().pttKey()).isEqualTo("F7");
            assertThat(prefs.get().voice().whisperKey()).isEqualTo("F8");
        }
    }
}
