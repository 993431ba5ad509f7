package dev.parley.client.core.voice.receive;

/**
 * Time-scale modification of decoded speech, the way NetEQ's accelerate and pre-emptive expand work:
 * find the lag L (2.5–10 ms, a pitch period in voiced speech) at which the next L samples best repeat
 * the L before them; <em>accelerate</em> overlap-adds those two periods into one (L samples fewer),
 * <em>stretch</em> inserts one more period (L samples more). Each operation crossfades over a whole
 * period, so the waveform stays continuous and voiced speech keeps its pitch. It is refused where it
 * would be audible: when the signal is neither periodic (normalised correlation below
 * {@link #MIN_CORRELATION}) nor quiet (RMS below {@link #QUIET_RMS}).
 * <p>
 * Not thread-safe: one per speaker, confined to the playback thread; allocation-free.
 */
final class TimeStretcher {

    /** 2.5 ms at 48 kHz: the shortest piece moved (and the highest pitch, 400 Hz, followed). */
    static final int MIN_LAG = 120;
    /** 10 ms at 48 kHz: the longest piece moved (100 Hz pitch). */
    static final int MAX_LAG = 480;
    static final double MIN_CORRELATION = 0.75;
    /** About -45 dBFS: below this a crossfade over a few milliseconds is inaudible whatever the signal. */
    static final double QUIET_RMS = 180;
    /** The coarse search looks at every DECIMATE-th sample and lag, then refines around the best. */
    private static final int DECIMATE = 4;

    private double lastCorrelation;

    /**
     * Removes one period from {@code pcm[from, from + available)}, shifting what follows left.
     *
     * @param maxRemove the most samples that may go (the lag is capped by it and by {@code available / 2})
     * @return samples removed (0 if refused or too little audio)
     */
    int accelerate(short[] pcm, int from, int available, int maxRemove) {
        int lag = chooseLag(pcm, from, available, Math.min(maxRemove, MAX_LAG));
        if (lag == 0) {
            return 0;
        }
        // First period fades from itself into the next one: starts continuous with what was played,
        // ends continuous with the sample after the second period.
        for (int i = 0; i < lag; i++) {
            double w = (i + 0.5) / lag;
            pcm[from + i] = clip((1 - w) * pcm[from + i] + w * pcm[from + lag + i]);
        }
        System.arraycopy(pcm, from + 2 * lag, pcm, from + lag, available - 2 * lag);
        return lag;
    }

    /**
     * Inserts one period into {@code pcm[from, from + available)}, shifting what follows right; the array
     * must have room for {@code maxInsert} more samples after {@code from + available}.
     *
     * @return samples inserted (0 if refused or too little audio)
     */
    int stretch(short[] pcm, int from, int available, int maxInsert) {
        int lag = chooseLag(pcm, from, available, Math.min(maxInsert, MAX_LAG));
        if (lag == 0) {
            return 0;
        }
        // x[0, 2L) becomes x[0, L), a period fading from x[L, 2L) back into x[0, L), then x[L, 2L) again.
        System.arraycopy(pcm, from + lag, pcm, from + 2 * lag, available - lag);
        for (int i = 0; i < lag; i++) {
            double w = (i + 0.5) / lag;
            pcm[from + lag + i] = clip((1 - w) * pcm[from + 2 * lag + i] + w * pcm[from + i]);
        }
        return lag;
    }

    /** Normalised correlation of the last accepted (or refused) lag, for tests and diagnostics. */
    double lastCorrelation() {
        return lastCorrelation;
    }

    /** The best lag in [MIN_LAG, maxLag] if the audio there may be time-scaled inaudibly, else 0. */
    private int chooseLag(short[] pcm, int from, int available, int maxLag) {
        int top = Math.min(maxLag, available / 2);
        if (top < MIN_LAG) {
            return 0;
        }
        int best = 0;
        double bestCorrelation = -2;
        for (int lag = MIN_LAG; lag <= top; lag += DECIMATE) {
            double c = correlation(pcm, from, lag, DECIMATE);
            if (c > bestCorrelation) {
                bestCorrelation = c;
                best = lag;
            }
        }
        int refineFrom = Math.max(MIN_LAG, best - DECIMATE + 1);
        int refineTo = Math.min(top, best + DECIMATE - 1);
        bestCorrelation = -2;
        for (int lag = refineFrom; lag <= refineTo; lag++) {
            double c = correlation(pcm, from, lag, 1);
            if (c > bestCorrelation) {
                bestCorrelation = c;
                best = lag;
            }
        }
        lastCorrelation = bestCorrelation;
        if (bestCorrelation >= MIN_CORRELATION) {
            return best;
        }
        // Not periodic: still fine where it is quiet, with the longest allowed piece (gentlest crossfade).
        return rms(pcm, from, 2 * top) < QUIET_RMS ? top : 0;
    }

    private static double correlation(short[] pcm, int from, int lag, int step) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < lag; i += step) {
            double a = pcm[from + i];
            double b = pcm[from + lag + i];
            ab += a * b;
            aa += a * a;
            bb += b * b;
        }
        if (aa == 0 || bb == 0) {
            return aa == bb ? 1 : 0;
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double rms(short[] pcm, int from, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double v = pcm[from + i];
            sum += v * v;
        }
        return Math.sqrt(sum / Math.max(1, length));
    }

    private static short clip(double value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }
}
