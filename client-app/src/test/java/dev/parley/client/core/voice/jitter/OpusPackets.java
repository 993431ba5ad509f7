package dev.parley.client.core.voice.jitter;

import dev.parley.client.core.voice.TestSignals;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import java.util.Arrays;

/** Real Opus packets of a voiced signal, encoded once and reused by the jitter and pipeline tests. */
final class OpusPackets {

    static final int FRAME = 960;
    private static final int COUNT = 50;
    private static final byte[][] PACKETS = encode();

    private OpusPackets() {
    }

    private static byte[][] encode() {
        short[] signal = TestSignals.voiced(COUNT * FRAME);
        VoiceEncoder encoder = new VoiceEncoder(OpusSettings.defaults());
        byte[] buffer = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        byte[][] packets = new byte[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            int bytes = encoder.encode(TestSignals.slice(signal, i * FRAME, FRAME), buffer);
            packets[i] = Arrays.copyOf(buffer, bytes);
        }
        return packets;
    }

    /** The frame with this sequence number: 20 ms of the voiced signal, timestamp = sequence * 960. */
    static EncodedFrame frame(long sequence, boolean endOfTalk) {
        return new EncodedFrame(sequence, sequence * FRAME, endOfTalk, PACKETS[(int) (sequence % COUNT)]);
    }

    static EncodedFrame frame(long sequence) {
        return frame(sequence, false);
    }
}
