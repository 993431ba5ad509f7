package dev.parley.client.ui.voice;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.AbsentAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.ui.app.VoicePreferences;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From the user's voice preferences to what the engine needs: its settings, and opened devices with a
 * fallback to no microphone / discarded output when a device cannot be opened (no sound card), plus the sentence that says so.
 * Stateless.
 */
public final class VoiceSetup {
    private static final Logger log = LoggerFactory.getLogger(VoiceSetup.class);

    private VoiceSetup() {
    }

    /** Opened devices; {@code note} is empty when both are real. The caller owns (closes) them. */
    public record Devices(AudioInput input, AudioOutput output, String note) {
    }

    public static VoiceSettings settings(VoicePreferences prefs) {
        VoiceSettings defaults = VoiceSettings.defaults();
        return defaults.withTransmitMode(prefs.transmitMode())
                .withOpus(defaults.opus().withBitrate(prefs.bitrateBps()).withFrameMillis(prefs.frameMillis()))
                .withProcessing(new AudioProcessingSettings(prefs.echoCancellation(), prefs.noiseSuppression(),
                        prefs.gainControl(), true))
                .withActivation(defaults.activation().withOpenThresholdDbfs(prefs.vadThresholdDbfs()));
    }

    /**
     * Whether going from {@code before} to {@code after} needs new devices or a new engine: devices,
     * processing and codec are fixed when the engine is built; mode, key and threshold are not.
     */
    public static boolean needsRestart(VoicePreferences before, VoicePreferences after) {
        return !before.inputDevice().equals(after.inputDevice())
                || !before.outputDevice().equals(after.outputDevice())
                || before.echoCancellation() != after.echoCancellation()
                || before.noiseSuppression() != after.noiseSuppression()
                || before.gainControl() != after.gainControl()
                || before.bitrateBps() != after.bitrateBps()
                || before.frameMillis() != after.frameMillis();
    }

    /** Opens the chosen devices, else the system default, else none (a capture that waits, an output that discards); never throws. */
    public static Devices open(AudioDevices devices, VoicePreferences prefs) {
        List<String> missing = new ArrayList<>();
        AudioInput input = openInput(devices, prefs.inputDevice());
        if (input == null) {
            missing.add("microphone");
            input = new AbsentAudioInput();
        }
        AudioOutput output = openOutput(devices, prefs.outputDevice());
        if (output == null) {
            missing.add("speakers");
            output = new NullAudioOutput();
        }
        String note = switch (missing.size()) {
            case 0 -> "";
            case 1 -> missing.contains("microphone") ? "No microphone found: others cannot hear you"
                    : "No speakers found: you hear nothing";
            default -> "No sound device found: voice runs silent";
        };
        return new Devices(input, output, note);
    }

    /** The chosen speakers, else the system default, else an output that discards (for playing recordings); never throws. */
    public static AudioOutput speakers(AudioDevices devices, VoicePreferences prefs) {
        AudioOutput output = openOutput(devices, prefs.outputDevice());
        return output != null ? output : new NullAudioOutput();
    }

    private static AudioInput openInput(AudioDevices devices, String chosen) {
        for (String name : candidates(chosen)) {
            try {
                return devices.openInput(name);
            } catch (AudioDeviceException | LinkageError e) {
                log.warn("Microphone '{}' cannot be opened: {}", name, e.getMessage());
            }
        }
        return null;
    }

    private static AudioOutput openOutput(AudioDevices devices, String chosen) {
        for (String name : candidates(chosen)) {
            try {
                return devices.openOutput(name);
            } catch (AudioDeviceException | LinkageError e) {
                log.warn("Speakers '{}' cannot be opened: {}", name, e.getMessage());
            }
        }
        return null;
    }

    private static List<String> candidates(String chosen) {
        return chosen.isEmpty() || AudioDevices.DEFAULT.equals(chosen)
                ? List.of(AudioDevices.DEFAULT) : List.of(chosen, AudioDevices.DEFAULT);
    }
}
