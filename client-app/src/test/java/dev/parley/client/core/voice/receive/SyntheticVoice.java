package dev.parley.client.core.voice.receive;

import dev.parley.client.core.voice.EncodedFrame;
import dev.parley.client.core.voice.codec.FrameDecoder;

/**
 * A stand-in for Opus where only playout timing is under test: every "packet" decodes to the next
 * {@code frameSamples} of a steady voiced-like tone (150 Hz with harmonics), concealment continues it at
 * half level. Cheap enough to play an hour of virtual time in a unit test. Not thread-safe.
 */
final class SyntheticVoice implements FrameDecoder {

    private static final short[] PERIOD = period();

    private final int frameSamples;
    private long phase;

    SyntheticVoice(int frameSamples) {
        this.frameSamples = frameSamples;
    }

    static EncodedFrame packet(long sequence, int frameSamples) {
        return new EncodedFrame(sequence, sequence * frameSamples, false, new byte[] {1});
    }

    @Override
    public int decode(byte[] packet, short[] out) {
        return tone(out, 1.0);
    }

    @Override
    public int decodeFec(byte[] nextPacket, short[] out) {
        return tone(out, 1.0);
    }

    @Override
    public int conceal(short[] out) {
        return tone(out, 0.5);
    }

    @Override
    public long corruptPackets() {
        return 0;
    }

    private int tone(short[] out, double gain) {
        for (int i = 0; i < frameSamples; i++, phase++) {
            out[i] = (short) (gain * PERIOD[(int) (phase % PERIOD.length)]);
        }
        return frameSamples;
    }

    /** One period of 150 Hz at 48 kHz (320 samples) with two harmonics. */
    private static short[] period() {
        short[] period = new short[320];
        for (int i = 0; i < period.length; i++) {
            double t = 2 * Math.PI * i / period.length;
            period[i] = (short) (6000 * Math.sin(t) + 3000 * Math.sin(2 * t) + 1500 * Math.sin(3 * t));
        }
        return period;
    }
}
