package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import java.util.List;

/** Lists and opens sound devices by name. Implementations are thread-safe. */
public interface AudioDevices {

    /** The name that always means "the system's default device". */
    String DEFAULT = "default";

    /** Capture devices, {@link #DEFAULT} first; just the default when nothing can be enumerated. */
    List<AudioDeviceInfo> inputs();

    /** Playback devices, {@link #DEFAULT} first; just the default when nothing can be enumerated. */
    List<AudioDeviceInfo> outputs();

    /**
     * Opens a capture device by {@link AudioDeviceInfo#name()} or {@link #DEFAULT}; call
     * {@link AudioInput#start()} to begin capture.
     *
     * @throws dev.parley.client.core.audio.AudioDeviceException if no such device exists or it cannot be opened
     */
    AudioInput openInput(String name);

    /**
     * Opens a playback device by {@link AudioDeviceInfo#name()} or {@link #DEFAULT}.
     *
     * @throws dev.parley.client.core.audio.AudioDeviceException if no such device exists or it cannot be opened
     */
    AudioOutput openOutput(String name);
}
