package dev.parley.client.core.voice.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.parley.client.core.voice.TestSignals;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpusRoundTripTest {

    private static final int SECOND = 48_000;

    /** Encodes and decodes the whole signal frame by frame and returns the decoded audio. */
    private static short[] roundTrip(short[] signal, OpusSettings settings) {
        VoiceEncoder encoder = new VoiceEncoder(settings);
        VoiceDecoder decoder = new VoiceDecoder(settings.frameSamples());
        int frame = settings.frameSamples();
        short[] decoded = new short[signal.length];
        byte[] packet = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        short[] pcm = new short[OpusSettings.MAX_FRAME_SAMPLES];
        for (int at = 0; at + frame <= signal.length; at += frame) {
            int bytes = encoder.encode(TestSignals.slice(signal, at, frame), packet);
            assertThat(bytes).isBetween(1, VoiceEncoder.MAX_PACKET_BYTES);
            int samples = decoder.decode(Arrays.copyOf(packet, bytes), pcm);
            assertThat(samples).isEqualTo(frame);
            System.arraycopy(pcm, 0, decoded, at, samples);
        }
        return decoded;
    }

    @ParameterizedTest(name = "{0} ms frames")
    @ValueSource(ints = {10, 20, 40, 60})
    void everyFrameLengthKeepsAVoicedSignal(int frameMillis) {
        short[] signal = TestSignals.voiced(SECOND);
        short[] decoded = roundTrip(signal, OpusSettings.defaults().withFrameMillis(frameMillis));

        int from = 6_000;
        int length = 9_600;
        int lag = TestSignals.bestLag(signal, decoded, from, length, 1_000);
        assertThat(TestSignals.correlation(signal, from, decoded, from + lag, 30_000)).isGreaterThan(0.9);
    }

    @Test
    void sineSweepSurvivesTheCodec() {
        short[] signal = TestSignals.sweep(SECOND, 100, 6_000, 8_000);
        short[] decoded = roundTrip(signal, OpusSettings.defaults());

        int from = 6_000;
        int length = 24_000;
        int lag = TestSignals.bestLag(signal, decoded, from, length, 1_000);
        assertThat(TestSignals.correlation(signal, from, decoded, from + lag, length)).isGreaterThan(0.9);
        assertThat(TestSignals.rms(decoded, from + lag, length))
                .isCloseTo(TestSignals.rms(signal, from, length), withPercentage(25));
    }

    @Test
    void lowBitrateWithWidebandCapStillRoundTrips() {
        short[] signal = TestSignals.voiced(SECOND);
        short[] decoded = roundTrip(signal, OpusSettings.defaults().withBitrate(16_000));

        int lag = TestSignals.bestLag(signal, decoded, 6_000, 9_600, 1_000);
        assertThat(TestSignals.correlation(signal, 6_000, decoded, 6_000 + lag, 30_000)).isGreaterThan(0.8);
    }

    @Test
    void bitrateChangeAtRunTimeChangesPacketSize() {
        VoiceEncoder encoder = new VoiceEncoder(OpusSettings.defaults().withFrameMillis(20).withBitrate(64_000));
        short[] signal = TestSignals.voiced(SECOND);
        byte[] packet = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        int highBytes = 0;
        for (int i = 0; i < 25; i++) {
            highBytes += encoder.encode(TestSignals.slice(signal, i * 960, 960), packet);
        }
        encoder.applyBitrate(16_000);
        encoder.applyExpectedLossPercent(20);
        int lowBytes = 0;
        for (int i = 25; i < 50; i++) {
            lowBytes += encoder.encode(TestSignals.slice(signal, i * 960, 960), packet);
        }
        assertThat(lowBytes).isLessThan(highBytes / 2);
        assertThat(encoder.settings().bitrateBps()).isEqualTo(16_000);
        assertThat(encoder.settings().expectedLossPercent()).isEqualTo(20);
    }

    @Test
    void garbagePacketIsConcealedAndCountedInsteadOfThrowing() {
        VoiceDecoder decoder = new VoiceDecoder(960);
        short[] out = new short[OpusSettings.MAX_FRAME_SAMPLES];
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        int samples = decoder.decode(garbage, out);
        assertThat(samples).isEqualTo(960);
        assertThat(decoder.corruptPackets()).isEqualTo(1);
    }

    @Test
    void encoderRejectsAnythingButExactlyOneFrame() {
        VoiceEncoder encoder = new VoiceEncoder(OpusSettings.defaults().withFrameMillis(20));
        assertThatThrownBy(() -> encoder.encode(new short[480], new byte[VoiceEncoder.MAX_PACKET_BYTES]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
