package dev.parley.client.core.record;

/** How much audio an Opus packet holds, read from its TOC byte (RFC 6716 §3.1). Stateless. */
public final class OpusPackets {
    /** Samples per frame at 48 kHz for each of the 32 configurations. */
    private static final int[] FRAME_SAMPLES = new int[32];

    static {
        int[] silk = {480, 960, 1920, 2880};
        int[] hybrid = {480, 960};
        int[] celt = {120, 240, 480, 960};
        for (int config = 0; config < 32; config++) {
            FRAME_SAMPLES[config] = config < 12 ? silk[config & 3] : config < 16 ? hybrid[config & 1] : celt[config & 3];
        }
    }

    private OpusPackets() {
    }

    /**
     * Samples at 48 kHz the packet decodes to, or -1 when the packet is malformed (empty, a code-3
     * packet without its frame count, more than 120 ms).
     */
    public static int samples(byte[] packet) {
        if (packet.length == 0) {
            return -1;
        }
        int toc = packet[0] & 0xFF;
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> packet.length < 2 ? -1 : packet[1] & 0x3F;
        };
        if (frames <= 0) {
            return -1;
        }
        int samples = frames * FRAME_SAMPLES[toc >>> 3];
        return samples > 5760 ? -1 : samples;
    }
}
