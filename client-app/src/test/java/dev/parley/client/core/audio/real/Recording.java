package dev.parley.client.core.audio.real;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.WavFileInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A WAV recording in memory and what the real-audio tests measure on it. */
final class Recording {

    /** A stretch of (near) silence inside the signal: where it starts and how long it is, in ms. */
    record Gap(double atMillis, double millis) {
    }

    private Recording() {
    }

    static short[] read(Path wav) throws IOException {
        try (WavFileInput input = WavFileInput.open(wav)) {
            short[] all = new short[48_000 * 10];
            int n = 0;
            short[] chunk = PcmFormat.newChunk();
            while (input.read(chunk)) {
                if (n + chunk.length > all.length) {
                    all = Arrays.copyOf(all, all.length * 2);
                }
                System.arraycopy(chunk, 0, all, n, chunk.length);
                n += chunk.length;
            }
            return Arrays.copyOf(all, n);
        }
    }

    /**
     * Runs of samples below {@code floor} longer than 3 ms between the first and last loud sample (a tone
     * of amplitude 8000 crosses zero far faster than that).
     */
    static List<Gap> gaps(short[] x, int floor) {
        int first = 0;
        while (first < x.length && Math.abs(x[first]) < 2 * floor) {
            first++;
        }
        int last = x.length - 1;
        while (last > first && Math.abs(x[last]) < 2 * floor) {
            last--;
        }
        List<Gap> gaps = new ArrayList<>();
        int run = 0;
        for (int i = first; i <= last; i++) {
            if (Math.abs(x[i]) < floor) {
                run++;
            } else {
                if (run > 48 * 3) {
                    gaps.add(new Gap((i - run) / 48.0, run / 48.0));
                }
                run = 0;
            }
        }
        return gaps;
    }

    /** Milliseconds from the first to the last loud sample. */
    static double signalMillis(short[] x, int floor) {
        int first = 0;
        while (first < x.length && Math.abs(x[first]) < floor) {
            first++;
        }
        int last = x.length - 1;
        while (last > first && Math.abs(x[last]) < floor) {
            last--;
        }
        return (last - first) / 48.0;
    }

    /**
     * Waveform comparison: the best normalised cross-correlation of the samples themselves (not their
     * envelope) over lags 0..maxLagMillis of {@code heard} behind {@code reference}, and the lag found.
     * Chopped or churned playback scores far lower than a clean copy through a codec.
     */
    static double[] waveformCorrelation(short[] reference, short[] heard, int maxLagMillis) {
        // Coarse search on copies averaged over 8 samples (6 kHz), then every lag around the best one.
        short[] a = decimate(reference);
        short[] b = decimate(heard);
        int coarse = 0;
        double best = -2;
        for (int lag = 0; lag <= maxLagMillis * 6 && lag < b.length; lag++) {
            double c = correlation(a, b, lag);
            if (c > best) {
                best = c;
                coarse = lag;
            }
        }
        best = -2;
        int bestLag = 0;
        for (int lag = Math.max(0, coarse * 8 - 16); lag <= coarse * 8 + 16 && lag < heard.length; lag++) {
            double c = correlation(reference, heard, lag);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        return new double[] {best, bestLag / 48.0};
    }

    /**
     * Waveform comparison that survives a changing delay (a jitter buffer dropping silence between talk
     * spurts shifts everything after it): each 100 ms window of the reference that carries speech is
     * found in {@code heard} on its own (lag {@code minLagMillis..maxLagMillis} from its own position)
     * and scored by normalised cross-correlation of the samples; returns the median score over windows.
     */
    static double windowedWaveformCorrelation(short[] reference, short[] heard, int minLagMillis, int maxLagMillis) {
        int window = 4_800;
        short[] a = decimate(reference);
        short[] b = decimate(heard);
        int w = window / 8;
        java.util.List<Double> scores = new ArrayList<>();
        for (int start = 0; start + window <= reference.length; start += window) {
            if (rms(reference, start, window) < 300) {
                continue;
            }
            int coarse = Integer.MIN_VALUE;
            double best = -2;
            for (int lag = minLagMillis * 6; lag <= maxLagMillis * 6; lag++) {
                int at = start / 8 + lag;
                if (at < 0 || at + w > b.length) {
                    continue;
                }
                double c = correlation(a, start / 8, b, at, w);
                if (c > best) {
                    best = c;
                    coarse = at;
                }
            }
            if (coarse == Integer.MIN_VALUE) {
                scores.add(0.0);
                continue;
            }
            best = -2;
            for (int at = Math.max(0, coarse * 8 - 16); at <= coarse * 8 + 16 && at + window <= heard.length; at++) {
                best = Math.max(best, correlation(reference, start, heard, at, window));
            }
            scores.add(best);
        }
        if (scores.isEmpty()) {
            return 0;
        }
        java.util.Collections.sort(scores);
        return scores.get(scores.size() / 2);
    }

    /**
     * How recognisably {@code heard} (a recording that holds one playing of {@code reference} somewhere)
     * carries the reference's waveform: the recording is lined up with the reference by the first loud
     * sample of each, so a perfect copy sits at lag 0, then scored by {@link #windowedWaveformCorrelation}
     * with each window searched from 200 ms before to 1.5 s after that. A copy scores 1.0.
     *
     * <p>Lined up this way since 2026-12-01: before, the recording was cut 300 ms before its first loud
     * sample, but the test speech's own first loud sample is 503 ms in, so a perfect copy sat at -203 ms,
     * just outside the search, and scored 0.71; a path that cut audio scored lower, one that added delay
     * higher ({@code RecordingTest}).
     */
    static double speechScore(short[] reference, short[] heard) {
        short[] aligned = Arrays.copyOfRange(heard, Math.max(0, firstLoud(heard) - firstLoud(reference)), heard.length);
        return windowedWaveformCorrelation(reference, aligned, -200, 1_500);
    }

    private static int firstLoud(short[] pcm) {
        int first = 0;
        while (first < pcm.length && Math.abs(pcm[first]) < 500) {
            first++;
        }
        return first;
    }

    private static double rms(short[] x, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / n);
    }

    private static double correlation(short[] a, int aFrom, short[] b, int bFrom, int n) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[aFrom + i];
            double y = b[bFrom + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    private static short[] decimate(short[] x) {
        short[] out = new short[x.length / 8];
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (int k = 0; k < 8; k++) {
                sum += x[8 * i + k];
            }
            out[i] = (short) (sum / 8);
        }
        return out;
    }

    private static double correlation(short[] a, short[] b, int lag) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        int n = Math.min(a.length, b.length - lag);
        for (int i = 0; i < n; i++) {
            double x = a[i];
            double y = b[i + lag];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
