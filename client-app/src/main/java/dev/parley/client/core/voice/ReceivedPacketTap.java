package dev.parley.client.core.voice;

/**
 * Sees one kind of voice packets as they arrived ({@link RecordedAudio}: the channel's or the call's), so
 * a recorder keeps them without re-encoding: those the engine receives with that voice target, and its
 * own talk to it as it sends it. Whispers are left out. Called on the voice network thread (own packets:
 * the capture thread): must return at once and never block.
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
