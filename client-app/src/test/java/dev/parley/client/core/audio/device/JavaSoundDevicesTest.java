package dev.parley.client.core.audio.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.audio.AudioDeviceException;
import org.junit.jupiter.api.Test;

/** Runs on machines with or without sound hardware; CI has none. */
class JavaSoundDevicesTest {

    private final JavaSoundDevices devices = new JavaSoundDevices();

    @Test
    void listingNeverThrowsAndOffersTheDefaultFirst() {
        assertThat(devices.inputs()).isNotEmpty();
        assertThat(devices.inputs().get(0).name()).isEqualTo(AudioDevices.DEFAULT);
        assertThat(devices.outputs().get(0).name()).isEqualTo(AudioDevices.DEFAULT);
    }

    @Test
    void deviceNamesAreUnique() {
        assertThat(devices.inputs()).extracting(AudioDeviceInfo::name).doesNotHaveDuplicates();
        assertThat(devices.outputs()).extracting(AudioDeviceInfo::name).doesNotHaveDuplicates();
    }

    @Test
    void unknownDeviceFailsWithAnAudioDeviceException() {
        assertThatThrownBy(() -> devices.openInput("no such microphone"))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessageContaining("no such microphone");
        assertThatThrownBy(() -> devices.openOutput("no such speaker"))
                .isInstanceOf(AudioDeviceException.class);
    }
}
