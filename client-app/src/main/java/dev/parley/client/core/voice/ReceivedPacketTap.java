package dev.parley.client.core.voice;

/**
 * Sees the channel's voice packets as they arrived (a recorder keeps them without re-encoding): those
 * the engine receives for its channel, and its own talk to the channel as it sends it. Whispers and
 * calls are left out. Called on the voice network thread (own packets: the capture thread): must
 * return at once and never block.
 */
@FunctionalInterface
public interface ReceivedPacketTap {
    /**
     * @param sessionId     the speaker's voice session
     * @param wireTimestamp the speaker's unsigned 32-bit 48 kHz sample clock
     * @param payload       the Opus packet (empty for a bare end-of-talk marker); do not modify
     * @param arrivalNanos  when it arrived, on the {@link System#nanoTime()} clock
     */
    void packet(int sessionId, int wireTimestamp, byte[] payload, long arrivalNanos);
}
