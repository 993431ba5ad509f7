package dev.parley.client.ui.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.vad.VoiceActivationSettings;
import dev.parley.client.core.voice.codec.OpusSettings;
import java.util.Map;

/**
 * Voice settings the user chose. Immutable.
 *
 * @param inputDevice  device name, empty for the system default
 * @param pttKey       a JavaFX {@code KeyCode} name, e.g. "F9"
 * @param userVolumes  playback volume in percent per "host:port/user name"
 * @param whisperKey   the whisper key, named like {@code pttKey}; F8 by default (F10 with Shift opens menus)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VoicePreferences(String inputDevice, String outputDevice, TransmitMode transmitMode, String pttKey,
                               double vadThresholdDbfs, boolean echoCancellation, boolean noiseSuppression,
                               boolean gainControl, int bitrateBps, int frameMillis, Map<String, Integer> userVolumes,
                               String whisperKey) {

    public VoicePreferences {
        inputDevice = inputDevice == null ? "" : inputDevice;
        outputDevice = outputDevice == null ? "" : outputDevice;
        transmitMode = transmitMode == null ? TransmitMode.VOICE_ACTIVITY : transmitMode;
        pttKey = pttKey == null || pttKey.isBlank() ? "F9" : pttKey;
        bitrateBps = bitrateBps <= 0 ? 32_000 : bitrateBps;
        frameMillis = frameMillis <= 0 ? OpusSettings.DEFAULT_FRAME_MILLIS : frameMillis;
        userVolumes = userVolumes == null ? Map.of() : Map.copyOf(userVolumes);
        // Older preference files have no whisper key: they get the default.
        whisperKey = whisperKey == null || whisperKey.isBlank() ? DEFAULT_WHISPER_KEY : whisperKey;
    }

    public static final String DEFAULT_WHISPER_KEY = "F8";

    public static VoicePreferences defaults() {
        return new VoicePreferences("", "", TransmitMode.VOICE_ACTIVITY, "F9",
                VoiceActivationSettings.DEFAULT_THRESHOLD_DBFS, true, true, true, 32_000,
                OpusSettings.DEFAULT_FRAME_MILLIS, Map.of(), DEFAULT_WHISPER_KEY);
    }

    public VoicePreferences withDevices(String input, String output) {
        return new VoicePreferences(input, output, transmitMode, pttKey, vadThresholdDbfs, echoCancellation,
                noiseSuppression, gainControl, bitrateBps, frameMillis, userVolumes, whisperKey);
    }

    public VoicePreferences withTransmitMode(TransmitMode mode) {
        return new VoicePreferences(inputDevice, outputDevice, mode, pttKey, vadThresholdDbfs, echoCancellation,
                noiseSuppression, gainControl, bitrateBps, frameMillis, userVolumes, whisperKey);
    }

    public VoicePreferences withPttKey(String key) {
        return new VoicePreferences(inputDevice, outputDevice, transmitMode, key, vadThresholdDbfs, echoCancellation,
                noiseSuppression, gainControl, bitrateBps, frameMillis, userVolumes, whisperKey);
    }

    public VoicePreferences withWhisperKey(String key) {
        return new VoicePreferences(inputDevice, outputDevice, transmitMode, pttKey, vadThresholdDbfs, echoCancellation,
                noiseSuppression, gainControl, bitrateBps, frameMillis, userVolumes, key);
    }

    public VoicePreferences withVadThresholdDbfs(double dbfs) {
        return new VoicePreferences(inputDevice, outputDevice, transmitMode, pttKey, dbfs, echoCancellation,
                noiseSuppression, gainControl, bitrateBps, frameMillis, userVolumes, whisperKey);
    }

    public VoicePreferences withProcessing(boolean echo, boolean noise, boolean gain) {
        return new VoicePreferences(inputDevice, outputDevice, transmitMode, pttKey, vadThresholdDbfs, echo, noise,
                gain, bitrateBps, frameMillis, userVolumes, whisperKey);
    }

    public VoicePreferences withCodec(int bitrate, int frame) {
        return new VoicePreferences(inputDevice, outputDevice, transmitMode, pttKey, vadThresholdDbfs, echoCancellation,
                noiseSuppression, gainControl, bitrate, frame, userVolumes, whisperKey);
    }

    public VoicePreferences withUserVolume(String key, int percent) {
        Map<String, Integer> volumes = new java.util.HashMap<>(userVolumes);
        volumes.put(key, percent);
        return new VoicePreferences(inputDevice, outputDevice, transmitMode, pttKey, vadThresholdDbfs, echoCancellation,
                noiseSuppression, gainControl, bitrateBps, frameMillis, volumes, whisperKey);
    }
}
