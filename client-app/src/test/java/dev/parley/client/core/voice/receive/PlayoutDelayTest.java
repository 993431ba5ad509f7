package dev.parley.client.core.voice.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.voice.jitter.JitterSettings;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The playout delay of an open microphone in virtual time: packets arrive at computed listener-clock times,
 * the listener pulls a 10 ms chunk every 10 ms of its own clock, and the delay the stream steers (how long
 * after its fastest possible arrival each frame plays) is sampled on every pull. No real time passes, so
 * an hour of drifting clocks runs in seconds and every run is the same.
 */
class PlayoutDelayTest {

    private static final long MS = 1_000_000L;

    /** What one run saw. */
    private record Run(double[] delayMs, ReceiveStats stats) {
        double medianBetween(int fromSecond, int toSecond) {
            double[] part = java.util.Arrays.copyOfRange(delayMs, fromSecond * 100, toSecond * 100);
            java.util.Arrays.sort(part);
            return part[part.length / 2];
        }

        double maxBetween(int fromSecond, int toSecond) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = fromSecond * 100; i < toSecond * 100; i++) {
                max = Math.max(max, delayMs[i]);
            }
            return max;
        }

        double minBetween(int fromSecond, int toSecond) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = fromSecond * 100; i < toSecond * 100; i++) {
                min = Math.min(min, delayMs[i]);
            }
            return min;
        }
    }

    /**
     * Plays {@code seconds} of an open microphone. {@code arrivalMs} maps a packet's sequence to its arrival on
     * the listener's clock; pulls are at 10 ms steps starting at 3 ms.
     */
    private static Run play(int frameMillis, int seconds, LongUnaryOperator arrivalMicros) {
        int frameSamples = frameMillis * 48;
        SpeakerStream stream = new SpeakerStream(1, JitterSettings.defaults(), 0, new SyntheticVoice(frameSamples));
        short[] chunk = new short[480];
        double[] delays = new double[seconds * 100];
        long sequence = 0;
        // Packets may arrive out of order: keep a small look-ahead of pending ones sorted by arrival.
        java.util.PriorityQueue<long[]> pending = new java.util.PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        for (int pull = 0; pull < delays.length; pull++) {
            long nowMicros = pull * 10_000L + 3_000;
            while (pending.isEmpty() || pending.peek()[0] <= nowMicros + 500_000) {
                pending.add(new long[] {arrivalMicros.applyAsLong(sequence), sequence});
                sequence++;
                if (pending.size() > 200) {
                    break;
                }
            }
            while (!pending.isEmpty() && pending.peek()[0] <= nowMicros) {
                long[] next = pending.poll();
                stream.offer(SyntheticVoice.packet(next[1], frameSamples), next[0] * 1_000);
            }
            delays[pull] = stream.playoutDelayMs(nowMicros * 1_000);
            stream.read(chunk, nowMicros * 1_000);
        }
        return new Run(delays, stream.stats());
    }

    @ParameterizedTest(name = "{0} ms frames")
    @CsvSource({"20", "10"})
    void onACleanLinkAnOpenMicrophoneSettlesAtAboutOneFrameOfDelay(int frameMillis) {
        Random random = new Random(1);
        Run run = play(frameMillis, 20, s -> s * frameMillis * 1_000L + 2_000 + random.nextInt(1_000));

        assertThat(run.medianBetween(5, 20)).isLessThanOrEqualTo(JitterSettings.defaults().headroomMs() + 1 + 10);
        assertThat(run.maxBetween(5, 20)).isLessThanOrEqualTo(20);
        assertThat(run.stats().concealedFrames() + run.stats().jitter().lost()).isZero();
    }

    @Test
    void afterABurstOfJitterTheDelayComesBackDownWhileTheMicrophoneStaysOpen() {
        Random random = new Random(2);
        Run run = play(20, 60, s -> {
            long sent = s * 20_000L;
            boolean burst = sent >= 10_000_000 && sent < 15_000_000;
            return sent + 2_000 + (burst ? random.nextInt(80_000) : random.nextInt(1_000));
        });

        double calm = run.medianBetween(5, 10);
        assertThat(run.medianBetween(12, 15)).as("during the burst").isGreaterThan(calm + 40);
        assertThat(run.medianBetween(50, 60)).as("40 s after it").isLessThanOrEqualTo(calm + 10);
        ReceiveStats stats = run.stats();
        assertThat(stats.accelerations()).isPositive();
        assertThat(stats.jitter().overflowDropped()).as("catch-up drops").isZero();
        assertThat(stats.fadeOuts()).as("the spurt never ended").isZero();
    }

    @ParameterizedTest(name = "sender clock {0} ppm")
    @CsvSource({"1000", "-1000"})
    void anHourOfOpenMicrophoneWithDriftingClocksKeepsItsDelayWithoutSkipping(int ppm) {
        Random random = new Random(3);
        double rate = 1 + ppm / 1e6; // sender's 20 ms take 20 / rate ms of the listener's clock
        int seconds = 3_600;
        Run run = play(20, seconds, s -> (long) (s * 20_000L / rate) + 2_000 + random.nextInt(1_000));

        double start = run.medianBetween(30, 60);
        assertThat(run.maxBetween(60, seconds)).isLessThanOrEqualTo(start + 20);
        assertThat(run.minBetween(60, seconds)).isGreaterThanOrEqualTo(start - 20);
        ReceiveStats stats = run.stats();
        // 0.1 % of an hour is 3.6 s of audio to cut out or add, in pieces of 2.5-10 ms.
        if (ppm > 0) {
            assertThat(stats.acceleratedMs() - stats.stretchedMs()).isBetween(3_000.0, 4_200.0);
            assertThat(stats.accelerations()).isGreaterThan(360);
        } else {
            assertThat(stats.stretchedMs() - stats.acceleratedMs()).isBetween(3_000.0, 4_200.0);
            assertThat(stats.stretches()).isGreaterThan(360);
        }
        assertThat(stats.jitter().lost()).as("frames given up").isZero();
        assertThat(stats.jitter().overflowDropped()).as("frames dropped to catch up").isZero();
        assertThat(stats.jitter().late()).as("frames late").isZero();
        assertThat(stats.expandedFrames()).as("underruns concealed").isLessThanOrEqualTo(2);
        assertThat(stats.fadeOuts()).isZero();
    }
}
