package dev.parley.client.core.voice.receive;

import dev.parley.client.core.voice.jitter.JitterStats;

/**
 * What one speaker's receive pipeline produced, in frames, relative to the sender's sequence numbers.
 *
 * @param decodedFrames   frames decoded from their own packet
 * @param fecFrames       lost frames rebuilt from the next packet's FEC data (real data, at lower quality)
 * @param concealedFrames lost frames invented by concealment (PLC): their packet was given up
 * @param expandedFrames  frames invented by concealment while waiting for a packet that then came
 *                        (or the spurt ended): delay, not loss
 * @param fadeOuts        talk-spurt endings faded to silence (not counted as audio frames)
 * @param corruptPackets  packets the decoder could not read (concealed instead)
 * @param accelerations   times one period was cut out of the decoded audio to lower the delay
 * @param acceleratedMs   audio removed that way, in ms
 * @param stretches       times one period was repeated to raise the delay before the buffer ran dry
 * @param stretchedMs     audio added that way, in ms
 * @param jitter          the jitter buffer's counters (late, overflow/catch-up dropped, never arrived, ...)
 */
public record ReceiveStats(
        long decodedFrames, long fecFrames, long concealedFrames, long expandedFrames, long fadeOuts,
        long corruptPackets, long accelerations, double acceleratedMs, long stretches, double stretchedMs,
        JitterStats jitter) {

    /** Packets dropped because they came after their slot had been given up. */
    public long lateDropped() {
        return jitter.late();
    }

    /** Packets that arrived but were dropped to catch up after a long stall, or because the buffer was full. */
    public long catchUpDropped() {
        return jitter.overflowDropped();
    }

    /** Sender frames in the played range whose packet never arrived at all. */
    public long neverArrived() {
        return jitter.neverArrived();
    }

    /**
     * Share of the sender's frames (in the range played so far) that were heard from real data, decoded or
     * FEC-recovered; frames concealed, dropped late, dropped to catch up or never sent on count against it.
     * 1 when nothing played.
     */
    public double realDataRatio() {
        long senderFrames = decodedFrames + jitter.lost() + jitter.overflowDropped();
        return senderFrames == 0 ? 1.0 : Math.min(1.0, (double) (decodedFrames + fecFrames) / senderFrames);
    }
}
