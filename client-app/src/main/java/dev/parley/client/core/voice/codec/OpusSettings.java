package dev.parley.client.core.voice.codec;

/**
 * How the Opus encoder is configured. Immutable; validated on construction.
 *
 * @param frameMillis         encoder frame length: 10, 20, 40 or 60 ms
 * @param bitrateBps          target bitrate in bits per second (6,000 to 510,000)
 * @param complexity          encoder complexity 0..10 (higher costs more CPU for slightly better quality)
 * @param inbandFec           whether each packet carries a low-rate copy of the previous frame
 * @param expectedLossPercent packet loss the encoder should plan FEC for, 0..100
 * @param dtx                 discontinuous transmission: silent frames become 1-byte packets
 */
public record OpusSettings(
        int frameMillis, int bitrateBps, int complexity, boolean inbandFec, int expectedLossPercent, boolean dtx) {

    /** The engine format: 48 kHz mono. */
    public static final int SAMPLE_RATE = 48_000;
    public static final int SAMPLES_PER_MILLI = SAMPLE_RATE / 1000;
    /** The capture and playback chunk: 10 ms. */
    public static final int CHUNK_SAMPLES = 10 * SAMPLES_PER_MILLI;
    /** Longest frame Opus can carry in one packet (60 ms). */
    public static final int MAX_FRAME_SAMPLES = 60 * SAMPLES_PER_MILLI;

    public static final int DEFAULT_FRAME_MILLIS = 10;
    public static final int DEFAULT_BITRATE_BPS = 32_000;
    public static final int DEFAULT_COMPLEXITY = 5;
    public static final int DEFAULT_EXPECTED_LOSS_PERCENT = 10;
    public static final int MIN_BITRATE_BPS = 6_000;
    public static final int MAX_BITRATE_BPS = 510_000;

    /**
     * Below this bitrate full-band Opus spends nothing on in-band FEC (measured: at 24 kbps the
     * "recovered" frame equals plain concealment). Capping the bandwidth to wideband frees enough
     * bits for the FEC copy, so low-bitrate users keep loss recovery at the cost of the top octave.
     */
    public static final int FULLBAND_FEC_MIN_BITRATE_BPS = 28_000;

    public OpusSettings {
        if (frameMillis != 10 && frameMillis != 20 && frameMillis != 40 && frameMillis != 60) {
            throw new IllegalArgumentException("frameMillis must be 10, 20, 40 or 60, was " + frameMillis);
        }
        if (bitrateBps < MIN_BITRATE_BPS || bitrateBps > MAX_BITRATE_BPS) {
            throw new IllegalArgumentException("bitrateBps must be in [" + MIN_BITRATE_BPS + ", "
                    + MAX_BITRATE_BPS + "], was " + bitrateBps);
        }
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("complexity must be in [0, 10], was " + complexity);
        }
        if (expectedLossPercent < 0 || expectedLossPercent > 100) {
            throw new IllegalArgumentException("expectedLossPercent must be in [0, 100], was " + expectedLossPercent);
        }
    }

    /** 10 ms, 32 kbps, complexity 5, FEC on for 10% loss, DTX off. */
    public static OpusSettings defaults() {
        return new OpusSettings(DEFAULT_FRAME_MILLIS, DEFAULT_BITRATE_BPS, DEFAULT_COMPLEXITY, true,
                DEFAULT_EXPECTED_LOSS_PERCENT, false);
    }

    public int frameSamples() {
        return frameMillis * SAMPLES_PER_MILLI;
    }

    /** Number of 10 ms capture chunks that make up one encoder frame. */
    public int chunksPerFrame() {
        return frameMillis / 10;
    }

    /** True when FEC is on and the bitrate is too low for full-band FEC, so bandwidth is capped to wideband. */
    public boolean capsBandwidthForFec() {
        return inbandFec && bitrateBps < FULLBAND_FEC_MIN_BITRATE_BPS;
    }

    public OpusSettings withFrameMillis(int newFrameMillis) {
        return new OpusSettings(newFrameMillis, bitrateBps, complexity, inbandFec, expectedLossPercent, dtx);
    }

    public OpusSettings withBitrate(int newBitrateBps) {
        return new OpusSettings(frameMillis, newBitrateBps, complexity, inbandFec, expectedLossPercent, dtx);
    }

    public OpusSettings withComplexity(int newComplexity) {
        return new OpusSettings(frameMillis, bitrateBps, newComplexity, inbandFec, expectedLossPercent, dtx);
    }

    public OpusSettings withInbandFec(boolean enabled) {
        return new OpusSettings(frameMillis, bitrateBps, complexity, enabled, expectedLossPercent, dtx);
    }

    public OpusSettings withExpectedLossPercent(int newLossPercent) {
        return new OpusSettings(frameMillis, bitrateBps, complexity, inbandFec, newLossPercent, dtx);
    }

    public OpusSettings withDtx(boolean enabled) {
        return new OpusSettings(frameMillis, bitrateBps, complexity, inbandFec, expectedLossPercent, enabled);
    }
}
