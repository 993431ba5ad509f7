package dev.parley.client.core.audio;

/**
 * What a capture device has been through: how often it had to be opened again (it vanished, failed or
 * delivered nothing for seconds), how much audio was discarded because capture fell too far behind, and
 * which device captures now. A value; thread-safe.
 *
 * @param reopens         times the device was closed and the system default opened in its place
 * @param device          the device capturing now
 * @param discardedMillis captured audio thrown away unsent because the capture thread had fallen more
 *                        than a few frames behind the device (a stall); listeners heard a gap there
 */
public record InputHealth(long reopens, String device, long discardedMillis) {

    public static final InputHealth NONE = new InputHealth(0, "");

    public InputHealth {
        if (reopens < 0 || discardedMillis < 0) {
            throw new IllegalArgumentException("reopens and discarded audio cannot be negative");
        }
        device = device == null ? "" : device;
    }

    public InputHealth(long reopens, String device) {
        this(reopens, device, 0);
    }
}
