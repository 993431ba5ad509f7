package dev.parley.client.core.audio;

/**
 * What a capture device has been through: how often it had to be opened again (it vanished, failed or
 * delivered nothing for seconds) and which device captures now. A value; thread-safe.
 *
 * @param reopens times the device was closed and the system default opened in its place
 * @param device  the device capturing now
 */
public record InputHealth(long reopens, String device) {

    public static final InputHealth NONE = new InputHealth(0, "");

    public InputHealth {
        if (reopens < 0) {
            throw new IllegalArgumentException("reopens cannot be negative");
        }
        device = device == null ? "" : device;
    }
}
