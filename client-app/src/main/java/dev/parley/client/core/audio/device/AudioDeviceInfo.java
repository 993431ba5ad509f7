package dev.parley.client.core.audio.device;

import java.util.Objects;

/**
 * One selectable input or output device.
 *
 * @param name        stable name to pass to {@link AudioDevices#openInput}/{@link AudioDevices#openOutput}
 * @param description longer human-readable text (vendor, driver), may be empty
 */
public record AudioDeviceInfo(String name, String description) {

    public AudioDeviceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
