package dev.parley.client.core.voice;

import dev.parley.client.core.audio.PcmFormat;
import java.util.SplittableRandom;

/**
 * Generated audio with the shape of speech, for warming the voice path up: syllables of a voiced sound
 * (a glottal pulse train at a gliding 90–230 Hz pitch through two formant resonators, a different vowel
 * each time), some of them opened by a burst of hiss, with pauses of silence between words. Why not a
 * tone: the codec takes different branches for voiced, unvoiced and silent frames (pitch analysis,
 * long-term prediction, noise shaping), and HotSpot compiles for the branches it has seen taken: code
 * compiled on a steady tone is deoptimised and compiled again once real speech takes the others.
 * Deterministic for a seed.
 */
final class SpeechLikeSignal {

    private static final double RATE = PcmFormat.SAMPLE_RATE;
    private static final double PEAK = 9_000;
    /** Loud syllables are rounded off below this (some vowels resonate six times louder than others). */
    private static final double CEILING = 20_000;

    private final SplittableRandom random;
    /** The current segment: what it is, its length and the samples left of it. */
    private Segment segment = Segment.PAUSE;
    private int left;
    private int hissLeft;
    private double pitchHz;
    private double pitchGlide;
    private double phase;
    private int segmentLength;
    private final Resonator first = new Resonator();
    private final Resonator second = new Resonator();

    private enum Segment { SYLLABLE, PAUSE }

    SpeechLikeSignal(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Fills {@code chunk} with the next samples. */
    void next(short[] chunk) {
        for (int i = 0; i < chunk.length; i++) {
            if (left == 0) {
                nextSegment();
            }
            left--;
            chunk[i] = (short) Math.round(CEILING * Math.tanh(sample() / CEILING));
        }
    }

    private void nextSegment() {
        if (segment == Segment.SYLLABLE && random.nextInt(3) == 0) {
            segment = Segment.PAUSE;
            segmentLength = (int) (RATE * (0.05 + random.nextDouble() * 0.35));
        } else {
            segment = Segment.SYLLABLE;
            segmentLength = (int) (RATE * (0.12 + random.nextDouble() * 0.16));
            hissLeft = random.nextInt(2) == 0 ? (int) (RATE * (0.03 + random.nextDouble() * 0.05)) : 0;
            pitchHz = 90 + random.nextDouble() * 140;
            pitchGlide = 1 + (random.nextDouble() - 0.5) * 0.4 / segmentLength;
            first.tune(300 + random.nextDouble() * 500, 0.995);
            second.tune(900 + random.nextDouble() * 1400, 0.99);
        }
        left = segmentLength;
    }

    private double sample() {
        if (segment == Segment.PAUSE) {
            return random.nextDouble(-4, 4);
        }
        double position = 1 - left / (double) segmentLength;
        // 15 ms attack, then a slow fall, as a syllable's loudness does.
        double envelope = Math.min(1, position * segmentLength / (0.015 * RATE)) * (1 - 0.6 * position);
        if (hissLeft > 0) {
            hissLeft--;
            return envelope * PEAK * 0.3 * random.nextDouble(-1, 1);
        }
        pitchHz *= pitchGlide;
        phase += pitchHz / RATE;
        double pulse = 0;
        if (phase >= 1) {
            phase -= 1;
            pulse = 1;
        }
        return envelope * PEAK * 0.007 * second.filter(first.filter(pulse));
    }

    /** A two-pole resonance at one frequency, its gain roughly normalised. */
    private static final class Resonator {
        private double a1;
        private double a2;
        private double gain;
        private double y1;
        private double y2;

        void tune(double hz, double radius) {
            a1 = 2 * radius * Math.cos(2 * Math.PI * hz / RATE);
            a2 = -radius * radius;
            // (1 - radius) evens out the peak gain of sharper and broader resonances; 100 brings a pulse to unit scale.
            gain = 100 * (1 - radius);
        }

        double filter(double x) {
            double y = gain * x + a1 * y1 + a2 * y2;
            y2 = y1;
            y1 = y;
            return y;
        }
    }
}
