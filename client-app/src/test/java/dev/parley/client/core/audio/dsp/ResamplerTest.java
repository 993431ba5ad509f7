package dev.parley.client.core.audio.dsp;

import static dev.parley.client.core.audio.Signals.goertzel;
import static dev.parley.client.core.audio.Signals.rms;
import static dev.parley.client.core.audio.Signals.sine;
import static dev.parley.client.core.audio.Signals.zeroCrossingFrequency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static final double AMPLITUDE = 16_000;

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 48000", "16000, 48000", "48000, 16000", "48000, 44100", "8000, 48000", "22050, 48000"})
    void sineKeepsItsFrequencyAndAmplitude(int inRate, int outRate) {
        short[] out = resampleInChunks(sine(1000, inRate, inRate, AMPLITUDE), inRate, outRate, inRate / 100);

        int from = outRate / 10;
        int to = out.length - outRate / 10;
        assertThat(zeroCrossingFrequency(out, from, to, outRate)).isCloseTo(1000.0, within(0.5));
        assertThat(rms(out, from, to)).isCloseTo(AMPLITUDE / Math.sqrt(2), within(AMPLITUDE * 0.01));
        double tone = goertzel(out, from, to, 1000, outRate);
        double offTone = goertzel(out, from, to, 1500, outRate);
        assertThat(10 * Math.log10(tone / offTone)).isGreaterThan(60);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 48000", "16000, 48000", "48000, 16000", "48000, 44100"})
    void outputLengthFollowsTheRateRatio(int inRate, int outRate) {
        int seconds = 3;
        short[] out = resampleInChunks(sine(440, inRate, inRate * seconds, AMPLITUDE), inRate, outRate, 441);

        // Only the filter's half-length (under 2 ms) may still be waiting for more input.
        assertThat(out.length).isBetween(outRate * seconds - outRate / 500, outRate * seconds);
    }

    @Test
    void chunkBoundariesLeaveNoTrace() {
        short[] in = sine(1000, 44100, 44100, AMPLITUDE);
        short[] whole = new Resampler(44100, 48000).process(in);
        short[] oddChunks = resampleInChunks(in, 44100, 48000, 97);
        short[] tinyChunks = resampleInChunks(in, 44100, 48000, 1);

        assertThat(oddChunks).containsExactly(whole);
        assertThat(tinyChunks).containsExactly(whole);
        int maxStep = 0;
        // skip the filter's ring-in at the abrupt start of the tone
        for (int i = 100; i < whole.length; i++) {
            maxStep = Math.max(maxStep, Math.abs(whole[i] - whole[i - 1]));
        }
        // a 1 kHz sine at 48 kHz moves at most 2*pi*1000/48000*A per sample
        assertThat(maxStep).isLessThanOrEqualTo((int) (2 * Math.PI * 1000 / 48000 * AMPLITUDE) + 2);
    }

    @Test
    void downsamplingRemovesTonesAboveTheNewNyquist() {
        short[] out = resampleInChunks(sine(12_000, 48000, 48000, AMPLITUDE), 48000, 16000, 480);

        assertThat(rms(out, 1600, out.length - 1600)).isLessThan(AMPLITUDE * 0.001);
    }

    @Test
    void equalRatesPassTheSignalThrough() {
        short[] in = sine(1000, 48000, 4800, AMPLITUDE);
        short[] out = new Resampler(48000, 48000).process(in);

        assertThat(Arrays.copyOf(in, out.length)).containsExactly(out);
    }

    static short[] resampleInChunks(short[] in, int inRate, int outRate, int chunk) {
        Resampler resampler = new Resampler(inRate, outRate);
        short[] out = new short[resampler.maxOutput(in.length) + in.length];
        short[] scratch = new short[resampler.maxOutput(chunk)];
        int written = 0;
        for (int at = 0; at < in.length; at += chunk) {
            int n = resampler.process(in, at, Math.min(chunk, in.length - at), scratch, 0);
            System.arraycopy(scratch, 0, out, written, n);
            written += n;
        }
        return Arrays.copyOf(out, written);
    }
}
