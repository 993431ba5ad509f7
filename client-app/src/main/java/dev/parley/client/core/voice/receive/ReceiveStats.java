package dev.parley.client.core.voice.receive;

import dev.parley.client.core.voice.jitter.JitterStats;

/**
 * What one speaker's receive pipeline produced, in frames.
 *
 * @param decodedFrames     frames decoded from their own packet
 * @param fecFrames         lost frames rebuilt from the next packet's FEC data (real data, at lower quality)
 * @param concealedFrames   lost frames invented by concealment (PLC)
 * @param fadeOuts          talk-spurt endings faded to silence (not counted as audio frames)
 * @param corruptPackets    packets the decoder could not read (concealed instead)
 * @param jitter            the jitter buffer's counters
 */
public record ReceiveStats(
        long decodedFrames, long fecFrames, long concealedFrames, long fadeOuts, long corruptPackets,
        JitterStats jitter) {

    /** Share of played frames that came from real data (decoded or FEC-recovered); 1 when nothing played. */
    public double realDataRatio() {
        long total = decodedFrames + fecFrames + concealedFrames;
        return total == 0 ? 1.0 : (double) (decodedFrames + fecFrames) / total;
    }
}
