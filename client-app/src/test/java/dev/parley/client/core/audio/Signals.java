package dev.parley.client.core.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/** Test signals and measurements shared by the audio tests. */
public final class Signals {

    private Signals() {
    }

    public static short[] sine(double frequency, int sampleRate, int samples, double amplitude) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate));
        }
        return out;
    }

    public static short[] whiteNoise(int samples, double rmsAmplitude, long seed) {
        Random random = new Random(seed);
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            double v = random.nextGaussian() * rmsAmplitude;
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return out;
    }

    public static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    public static double rms(short[] samples) {
        return rms(samples, 0, samples.length);
    }

    public static double dbfs(double rms) {
        return 20 * Math.log10(Math.max(rms, 1e-9) / 32768.0);
    }

    /** Power of {@code frequency} in the window, Goertzel algorithm. */
    public static double goertzel(short[] samples, int from, int to, double frequency, int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = samples[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }

    /** Frequency estimated from rising zero crossings, with linear interpolation between samples. */
    public static double zeroCrossingFrequency(short[] samples, int from, int to, int sampleRate) {
        double first = -1;
        double last = -1;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (samples[i - 1] < 0 && samples[i] >= 0) {
                double t = (i - 1) + (double) -samples[i - 1] / (samples[i] - samples[i - 1]);
                if (first < 0) {
                    first = t;
                } else {
                    crossings++;
                }
                last = t;
            }
        }
        return crossings * (double) sampleRate / (last - first);
    }

    public static short[] concat(short[]... parts) {
        int total = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        short[] out = new short[total];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The committed speech recording (48 kHz mono 16-bit) as samples. */
    public static short[] speech48k() {
        try (InputStream in = Signals.class.getResourceAsStream("/audio/speech-48k.wav")) {
            byte[] bytes = in.readAllBytes();
            // sox writes the canonical 44-byte header for 16-bit mono PCM
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 44, bytes.length - 44).order(ByteOrder.LITTLE_ENDIAN);
            short[] out = new short[buffer.remaining() / 2];
            buffer.asShortBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
