package dev.parley.client.core.voice;

import java.util.Arrays;

/** Deterministic synthetic audio for codec and pipeline tests, and the measures they assert on. */
public final class TestSignals {

    public static final int RATE = 48_000;

    private TestSignals() {
    }

    /**
     * A voice-like signal: a glottal-pulse-ish harmonic series whose pitch glides between 110 and 220 Hz
     * and whose loudness follows syllables (~4 Hz), so concealment cannot simply repeat the last period.
     */
    public static short[] voiced(int samples) {
        short[] out = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE;
            double f0 = 165 + 55 * Math.sin(2 * Math.PI * 0.7 * t) + 20 * Math.sin(2 * Math.PI * 3.1 * t);
            phase += 2 * Math.PI * f0 / RATE;
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4.0 * t);
            out[i] = (short) Math.round(v * envelope * 6000);
        }
        return out;
    }

    /** A logarithmic sine sweep from {@code fromHz} to {@code toHz}. */
    public static short[] sweep(int samples, double fromHz, double toHz, double amplitude) {
        short[] out = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double f = fromHz * Math.pow(toHz / fromHz, (double) i / samples);
            phase += 2 * Math.PI * f / RATE;
            out[i] = (short) Math.round(Math.sin(phase) * amplitude);
        }
        return out;
    }

    public static short[] sine(int samples, double hz, double amplitude) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * i / RATE) * amplitude);
        }
        return out;
    }

    public static short[] slice(short[] signal, int from, int length) {
        return Arrays.copyOfRange(signal, from, from + length);
    }

    /** Normalised cross-correlation of {@code a[i]} with {@code b[i + lag]} over {@code length} samples. */
    public static double correlation(short[] a, int aFrom, short[] b, int bFrom, int length) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < length; i++) {
            double x = a[aFrom + i];
            double y = b[bFrom + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** The lag (0..maxLag) at which {@code delayed} best matches {@code reference}: the codec delay. */
    public static int bestLag(short[] reference, short[] delayed, int from, int length, int maxLag) {
        int best = 0;
        double bestCorrelation = -2;
        for (int lag = 0; lag <= maxLag; lag++) {
            double c = correlation(reference, from, delayed, from + lag, length);
            if (c > bestCorrelation) {
                bestCorrelation = c;
                best = lag;
            }
        }
        return best;
    }

    public static double rms(short[] signal, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) signal[i] * signal[i];
        }
        return Math.sqrt(sum / Math.max(length, 1));
    }
}
