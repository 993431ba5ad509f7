package dev.parley.client.core.voice.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.voice.TestSignals;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpusFecTest {

    private static final int FRAME = 960;
    private static final int FRAMES = 100;

    private static byte[][] encode(short[] signal, OpusSettings settings) {
        VoiceEncoder encoder = new VoiceEncoder(settings);
        byte[][] packets = new byte[FRAMES][];
        byte[] buffer = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        for (int i = 0; i < FRAMES; i++) {
            int bytes = encoder.encode(TestSignals.slice(signal, i * FRAME, FRAME), buffer);
            packets[i] = Arrays.copyOf(buffer, bytes);
        }
        return packets;
    }

    /** Decoders warm up on this many frames before the frame under test, instead of the whole stream. */
    private static final int LEAD_IN = 8;

    /**
     * Decodes frames {@code lost - LEAD_IN .. lost} with a fresh decoder and returns frame {@code lost},
     * rebuilt with FEC from the next packet, concealed, or (for the reference) decoded from its own packet.
     */
    private static short[] decodeAround(byte[][] packets, int lost, Mode mode) {
        VoiceDecoder decoder = new VoiceDecoder(FRAME);
        short[] pcm = new short[OpusSettings.MAX_FRAME_SAMPLES];
        for (int i = lost - LEAD_IN; i < lost; i++) {
            decoder.decode(packets[i], pcm);
        }
        int samples = switch (mode) {
            case DECODE -> decoder.decode(packets[lost], pcm);
            case FEC -> decoder.decodeFec(packets[lost + 1], pcm);
            case CONCEAL -> decoder.conceal(pcm);
        };
        assertThat(samples).isEqualTo(FRAME);
        return Arrays.copyOf(pcm, FRAME);
    }

    private enum Mode { DECODE, FEC, CONCEAL }

    @ParameterizedTest(name = "{0} bps")
    // 24 kbps works only because VoiceEncoder caps the bandwidth to wideband below 28 kbps (FIELD-NOTES).
    @ValueSource(ints = {32_000, 24_000})
    void fecRecoversALostPacketClearlyBetterThanConcealment(int bitrate) {
        short[] signal = TestSignals.voiced(FRAMES * FRAME);
        byte[][] packets = encode(signal, OpusSettings.defaults().withFrameMillis(20).withBitrate(bitrate));
        // Averaged over many single losses: one frame alone can happen to suit concealment.
        double fecSum = 0;
        double plcSum = 0;
        int trials = 0;
        for (int lost = 10; lost < FRAMES - 1; lost += 3) {
            short[] perfect = decodeAround(packets, lost, Mode.DECODE);
            fecSum += TestSignals.correlation(perfect, 0, decodeAround(packets, lost, Mode.FEC), 0, FRAME);
            plcSum += TestSignals.correlation(perfect, 0, decodeAround(packets, lost, Mode.CONCEAL), 0, FRAME);
            trials++;
        }
        double fecMean = fecSum / trials;
        double plcMean = plcSum / trials;

        // Measured here: FEC ~0.81, PLC ~0.60 at both 32 kbps and (with the wideband cap) 24 kbps.
        assertThat(fecMean).isGreaterThan(0.75);
        assertThat(fecMean).isGreaterThan(plcMean + 0.12);
    }
}
