package dev.parley.client.core.voice.e2e;

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
     * The best normalised correlation of the reference's envelope against the recording's, over every lag
     * at which the recording (padded with silence at its end) covers the reference.
     */
    static double bestCorrelation(short[] reference, short[] recording) {
        double[] ref = of(reference);
        double[] rec = of(recording);
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
