package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import java.util.List;

/**
 * No sound hardware: lists only {@link #DEFAULT}, whose input is endless silence and whose output
 * discards, both at real-time pace. For tests, bots and machines without a sound card. Thread-safe
 * (stateless).
 */
public final class NullAudioDevices implements AudioDevices {

    private static final List<AudioDeviceInfo> ONLY_DEFAULT = List.of(new AudioDeviceInfo(DEFAULT, "No sound device"));

    @Override
    public List<AudioDeviceInfo> inputs() {
        return ONLY_DEFAULT;
    }

    @Override
    public List<AudioDeviceInfo> outputs() {
        return ONLY_DEFAULT;
    }

    @Override
    public AudioInput openInput(String name) {
        return new NullAudioInput();
    }

    @Override
    public AudioOutput openOutput(String name) {
        return new NullAudioOutput();
    }
}
