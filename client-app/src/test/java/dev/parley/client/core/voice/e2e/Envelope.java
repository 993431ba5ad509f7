package dev.parley.client.core.voice.e2e;

import java.util.Arrays;

/**
 * "Is this recognisably the same speech?": compares 10 ms RMS envelopes after aligning them by the lag
 * with the best Pearson correlation. Speech through a codec keeps its envelope; silence and noise do not.
 */
final class Envelope {

    static final int WINDOW = 480;

    private Envelope() {
    }

    /** RMS of each 10 ms window. */
    static double[] of(short[] pcm) {
        double[] envelope = new double[pcm.length / WINDOW];
        for (int w = 0; w < envelope.length; w++) {
            double sum = 0;
            for (int i = w * WINDOW; i < (w + 1) * WINDOW; i++) {
                sum += (double) pcm[i] * pcm[i];
            }
            envelope[w] = Math.sqrt(sum / WINDOW);
        }
        return envelope;
    }

    /**
     * How well the recording carries the reference: the reference is cut in two halves (each about a
     * phrase of the test speech), each half is aligned on its own at its best lag (so a few frames the
     * receiver dropped or a playback stall between them do not count against it), and the two normalised
     * correlations are averaged.
     */
    static double bestCorrelation(short[] reference, short[] recording) {
        double[] ref = of(reference);
        double[] rec = of(recording);
        int half = ref.length / 2;
        return (bestAligned(Arrays.copyOfRange(ref, 0, half), rec)
                + bestAligned(Arrays.copyOfRange(ref, half, ref.length), rec)) / 2;
    }

    /** The best normalised correlation over every lag at which the recording (padded with silence) covers {@code ref}. */
    private static double bestAligned(double[] ref, double[] rec) {
        double best = 0;
        int maxLag = Math.max(0, rec.length - ref.length / 2);
        for (int lag = 0; lag <= maxLag; lag++) {
            best = Math.max(best, correlationAt(ref, rec, lag));
        }
        return best;
    }

    private static double correlationAt(double[] ref, double[] rec, int lag) {
        int n = ref.length;
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < n; i++) {
            meanA += ref[i];
            meanB += at(rec, lag + i);
        }
        meanA /= n;
        meanB /= n;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < n; i++) {
            double a = ref[i] - meanA;
            double b = at(rec, lag + i) - meanB;
            cov += a * b;
            varA += a * a;
            varB += b * b;
        }
        return varA == 0 || varB == 0 ? 0 : cov / Math.sqrt(varA * varB);
    }

    private static double at(double[] values, int index) {
        return index < values.length ? values[index] : 0;
    }
}
