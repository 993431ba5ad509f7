package dev.parley.client.core.voice;

import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import java.util.Arrays;

/** Real Opus packets of a voiced signal, encoded once and reused by the jitter and pipeline tests. */
public final class TestPackets {

    public static final int FRAME = 960;
    /** Length of the voiced signal the packets were made from, in frames; sequences wrap around it. */
    public static final int COUNT = 50;
    private static final short[] SIGNAL = TestSignals.voiced(COUNT * FRAME);
    private static final byte[][] PACKETS = encode();

    private TestPackets() {
    }

    private static byte[][] encode() {
        short[] signal = SIGNAL;
        VoiceEncoder encoder = new VoiceEncoder(OpusSettings.defaults().withFrameMillis(20));
        byte[] buffer = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        byte[][] packets = new byte[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            int bytes = encoder.encode(TestSignals.slice(signal, i * FRAME, FRAME), buffer);
            packets[i] = Arrays.copyOf(buffer, bytes);
        }
        return packets;
    }

    /** The frame with this sequence number: 20 ms of the voiced signal, timestamp = sequence * 960. */
    public static EncodedFrame frame(long sequence, boolean endOfTalk) {
        return new EncodedFrame(sequence, sequence * FRAME, endOfTalk, PACKETS[(int) (sequence % COUNT)]);
    }

    public static EncodedFrame frame(long sequence) {
        return frame(sequence, false);
    }

    /** The signal packet {@code sequence} was encoded from (for sequences below {@link #COUNT}). */
    public static short[] signal() {
        return SIGNAL.clone();
    }
}
