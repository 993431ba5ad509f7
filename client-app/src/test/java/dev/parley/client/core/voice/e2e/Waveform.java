package dev.parley.client.core.voice.e2e;

/**
 * "Is this the same waveform?", stricter than {@link Envelope}: the reference is cut into 20 ms segments,
 * and each voiced one is looked for in the recording, sample-exact, within ±8 ms of where the previous segment
 * was found (±{@link #SEARCH_MS} ms after a miss) (so time-stretching, which moves later audio by a few milliseconds at a
 * time, is followed). A segment counts as found when its normalised cross-correlation there reaches the
 * threshold. Envelope checks pass audio whose loudness follows the speech (stream churn, heavy
 * concealment, noise modulated by the speech); this one needs the actual waveform. Silence and noise
 * find nothing.
 */
final class Waveform {

    static final int SEGMENT = 960;
    static final int SEARCH_MS = 40;
    private static final int SEARCH = SEARCH_MS * 48;
    /** After a miss the search is re-aimed by the local envelope within this far. */
    static final int REAIM_MS = 1_000;
    /** After a found segment the next is looked for within ±8 ms of it. */
    private static final int NEAR = 8 * 48;

    private Waveform() {
    }

    /**
     * The share (0..1) of the reference's voiced 20 ms segments (RMS at least a tenth of its loudest
     * segment's) found in the recording with normalised cross-correlation of at least {@code threshold}.
     */
    static double matchedShare(short[] reference, short[] recording, double threshold) {
        int segments = reference.length / SEGMENT;
        double loudest = 0;
        for (int s = 0; s < segments; s++) {
            loudest = Math.max(loudest, rms(reference, s * SEGMENT));
        }
        // Start from the envelope's best overall alignment (10 ms resolution), then follow segment by segment.
        int offset = coarseLag(reference, recording);
        double[] refEnvelope = Envelope.of(reference);
        double[] recEnvelope = Envelope.of(recording);
        int voiced = 0;
        int found = 0;
        boolean searchedLast = false;
        for (int s = 0; s < segments; s++) {
            int from = s * SEGMENT;
            if (rms(reference, from) < loudest / 10) {
                continue;
            }
            voiced++;
            // After a miss, re-aim by the local envelope (concealment may have moved the rest by a lot),
            // then search wide; after a hit, narrow: stretching moves audio a few ms at a time.
            if (!searchedLast) {
                offset = localLag(refEnvelope, recEnvelope, from, offset);
            }
            int reach = searchedLast ? NEAR : SEARCH;
            double best = -1;
            int bestLag = offset;
            for (int lag = offset - reach; lag <= offset + reach; lag += 2) {
                double c = correlation(reference, from, recording, from + lag, 2);
                if (c > best) {
                    best = c;
                    bestLag = lag;
                }
            }
            int coarse = bestLag;
            best = -1;
            for (int lag = coarse - 1; lag <= coarse + 1; lag++) {
                double c = correlation(reference, from, recording, from + lag, 1);
                if (c > best) {
                    best = c;
                    bestLag = lag;
                }
            }
            searchedLast = best >= threshold;
            if (searchedLast) {
                found++;
                offset = bestLag;
            }
        }
        return voiced == 0 ? 0 : (double) found / voiced;
    }

    /**
     * The lag (in samples, 10 ms steps) within ±{@link #REAIM_MS} ms of {@code around} at which 300 ms of the
     * reference's envelope from {@code from} best matches the recording's.
     */
    private static int localLag(double[] refEnvelope, double[] recEnvelope, int from, int around) {
        int windows = 30;
        int first = from / Envelope.WINDOW;
        int center = Math.floorDiv(around, Envelope.WINDOW);
        int reach = REAIM_MS / 10;
        int bestLag = center;
        double best = -2;
        for (int lag = center - reach; lag <= center + reach; lag++) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int w = first; w < first + windows && w < refEnvelope.length; w++) {
                int r = w + lag;
                double b = r >= 0 && r < recEnvelope.length ? recEnvelope[r] : 0;
                ab += refEnvelope[w] * b;
                aa += refEnvelope[w] * refEnvelope[w];
                bb += b * b;
            }
            double c = aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        return bestLag * Envelope.WINDOW;
    }

    private static int coarseLag(short[] reference, short[] recording) {
        double[] ref = Envelope.of(reference);
        double[] rec = Envelope.of(recording);
        int bestLag = 0;
        double best = -2;
        for (int lag = 0; lag + 1 < rec.length; lag++) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < ref.length && lag + i < rec.length; i++) {
                ab += ref[i] * rec[lag + i];
                aa += ref[i] * ref[i];
                bb += rec[lag + i] * rec[lag + i];
            }
            double c = aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        return bestLag * Envelope.WINDOW;
    }

    private static double correlation(short[] a, int aFrom, short[] b, int bFrom, int step) {
        if (bFrom < 0 || bFrom + SEGMENT > b.length) {
            return -1;
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < SEGMENT; i += step) {
            double x = a[aFrom + i];
            double y = b[bFrom + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    private static double rms(short[] pcm, int from) {
        double sum = 0;
        for (int i = from; i < from + SEGMENT; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / SEGMENT);
    }
}
