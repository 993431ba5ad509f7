package dev.parley.client.core.audio;

/** An audio device or audio file could not be opened, read or written. */
public class AudioDeviceException extends RuntimeException {

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
