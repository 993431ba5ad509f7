package dev.parley.client.core.audio;

/**
 * What a playback device has been through: how often it ran dry (each one an audible gap), how many
 * 10 ms chunks of silence were written to get going again, how often the device had to be opened again
 * (it disappeared or stopped taking audio), and which device plays now. A value; thread-safe.
 *
 * @param underruns         times the device ran out of audio to play
 * @param refillChunks      10 ms chunks written in a burst after an underrun to rebuild the cushion
 * @param reopens           times the device was closed and opened again (on the system default)
 * @param cushionMillis     audio the output currently keeps queued ahead of the device
 * @param device            the device playing now
 */
public record OutputHealth(long underruns, long refillChunks, long reopens, int cushionMillis, String device) {

    public static final OutputHealth NONE = new OutputHealth(0, 0, 0, 0, "");

    public OutputHealth {
        if (underruns < 0 || refillChunks < 0 || reopens < 0 || cushionMillis < 0) {
            throw new IllegalArgumentException("health counters cannot be negative");
        }
        device = device == null ? "" : device;
    }
}
