package dev.parley.client.core.audio.dsp;

/**
 * Streaming sample-rate converter for mono 16-bit PCM: a Kaiser-windowed sinc low-pass evaluated in a
 * polyphase table, with the exact rational rate ratio tracked in integers so long streams never drift.
 *
 * <p>Feed any chunk sizes; filter state is kept across calls, so chunk boundaries leave no trace. Output lags
 * input by half the filter length (about 0.3 ms when upsampling, 1 ms when downsampling 48 kHz to 16 kHz).
 * Good enough for voice: pass band flat to ~90 % of the lower Nyquist frequency, stop band below about
 * -80 dB.
 *
 * <p>Equal rates pass samples through untouched.
 *
 * <p>Not thread-safe: one owner thread.
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side, counted at the lower of the two rates. */
    private static final int ZERO_CROSSINGS = 16;
    /** Where the pass band ends, as a fraction of the lower Nyquist frequency. */
    private static final double CUTOFF = 0.91;
    private static final double KAISER_BETA = 8.0;
    /** Phases beyond this are rounded to the nearest (timing error under 1/2048 sample). */
    private static final int MAX_PHASES = 1024;

    private final int inputRate;
    private final int outputRate;
    /** Input step per output sample is {@code step / phasesExact} input samples. */
    private final int step;
    private final int phasesExact;
    private final int phases;
    private final int taps;
    private final int half;
    private final float[][] table;

    private float[] buffer;
    private int buffered;
    /** Integer input position (index into {@link #buffer}) of the next output sample. */
    private int position;
    /** Fractional part of that position, in units of 1/{@link #phasesExact}. */
    private int remainder;

    public Resampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inputRate + " -> " + outputRate);
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        int gcd = gcd(inputRate, outputRate);
        this.step = inputRate / gcd;
        this.phasesExact = outputRate / gcd;
        this.phases = Math.min(phasesExact, MAX_PHASES);
        double ratio = Math.min(1.0, (double) outputRate / inputRate);
        this.half = (int) Math.ceil(ZERO_CROSSINGS / ratio);
        this.taps = 2 * half;
        this.table = buildTable(phases, half, CUTOFF * 0.5 * ratio);
        this.buffer = new float[taps + 4096];
        reset();
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Forgets all history, as if newly constructed. */
    public void reset() {
        java.util.Arrays.fill(buffer, 0f);
        // Half a filter of silence in front lets the first output sample sit exactly on input sample 0.
        buffered = half - 1;
        position = half - 1;
        remainder = 0;
    }

    /** An upper bound for the samples {@link #process} can write for {@code inputLength} input samples. */
    public int maxOutput(int inputLength) {
        return (int) (((long) inputLength + taps) * phasesExact / step) + 2;
    }

    /**
     * Converts {@code length} samples from {@code in} and writes as many output samples as are now complete.
     *
     * @return the number of samples written to {@code out} starting at {@code outOffset}
     * @throws IllegalArgumentException if {@code out} has less room than {@link #maxOutput(int)}
     */
    public int process(short[] in, int offset, int length, short[] out, int outOffset) {
        if (out.length - outOffset < maxOutput(length)) {
            throw new IllegalArgumentException("output room " + (out.length - outOffset) + " < " + maxOutput(length));
        }
        if (inputRate == outputRate) {
            System.arraycopy(in, offset, out, outOffset, length);
            return length;
        }
        append(in, offset, length);
        int written = 0;
        while (true) {
            int base = position;
            int phase = (int) (((long) remainder * phases + phasesExact / 2) / phasesExact);
            if (phase == phases) {
                phase = 0;
                base++;
            }
            int first = base - half + 1;
            if (first + taps > buffered) {
                break;
            }
            float[] coefficients = table[phase];
            float acc = 0f;
            for (int k = 0; k < taps; k++) {
                acc += buffer[first + k] * coefficients[k];
            }
            out[outOffset + written++] = clamp(acc);
            remainder += step;
            position += remainder / phasesExact;
            remainder %= phasesExact;
        }
        discardConsumed();
        return written;
    }

    /** Convenience for whole buffers; allocates the result. */
    public short[] process(short[] in) {
        short[] out = new short[maxOutput(in.length)];
        int n = process(in, 0, in.length, out, 0);
        return java.util.Arrays.copyOf(out, n);
    }

    private void append(short[] in, int offset, int length) {
        if (buffered + length > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + length));
        }
        for (int i = 0; i < length; i++) {
            buffer[buffered + i] = in[offset + i];
        }
        buffered += length;
    }

    private void discardConsumed() {
        int keepFrom = Math.max(0, position - half);
        if (keepFrom > 0) {
            System.arraycopy(buffer, keepFrom, buffer, 0, buffered - keepFrom);
            buffered -= keepFrom;
            position -= keepFrom;
        }
    }

    private static short clamp(float value) {
        int rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    /**
     * Row {@code p} holds the taps for an output that falls {@code p/phases} of a sample after input
     * {@code first + half - 1}; each row is normalised to unity gain at DC.
     */
    private static float[][] buildTable(int phases, int half, double cutoffCyclesPerSample) {
        int taps = 2 * half;
        float[][] table = new float[phases][taps];
        double besselBeta = besselI0(KAISER_BETA);
        for (int p = 0; p < phases; p++) {
            double frac = (double) p / phases;
            double sum = 0;
            double[] row = new double[taps];
            for (int k = 0; k < taps; k++) {
                double x = (k - (half - 1)) - frac;
                double sinc = x == 0 ? 1.0 : Math.sin(2 * Math.PI * cutoffCyclesPerSample * x)
                        / (2 * Math.PI * cutoffCyclesPerSample * x);
                double w = x / half;
                double window = Math.abs(w) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - w * w)) / besselBeta;
                row[k] = sinc * window;
                sum += row[k];
            }
            for (int k = 0; k < taps; k++) {
                table[p][k] = (float) (row[k] / sum);
            }
        }
        return table;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
