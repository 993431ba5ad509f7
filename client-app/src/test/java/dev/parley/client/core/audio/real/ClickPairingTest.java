package dev.parley.client.core.audio.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the device-latency benchmark tells the clicks as played from the ones that came back. */
class ClickPairingTest {

    @Test
    void everyClickPairsWithItsReturn() {
        // Played at 200, 1000, 1800 ms; back after 90, 91, 90 ms.
        assertThat(DeviceLatencyBenchmark.pair(List.of(200.0, 290.0, 1000.0, 1091.0, 1800.0, 1890.0)))
                .containsExactly(90.0, 91.0, 90.0);
    }

    /**
     * The case that made the benchmark print 592–693 ms on a quiet machine: the first click as played was
     * not heard, its return was. Neighbour pairing then took each return for a click, and the next click
     * for its return, for the whole round (800 ms minus each real trip). The grid still places the
     * missing click, so its return is measured too.
     */
    @Test
    void aMissingFirstClickDoesNotShiftThePairsByOne() {
        List<Double> onsets = List.of(408.0, 1000.0, 1188.0, 1800.0, 1928.0, 2600.0, 2707.0, 3400.0, 3507.0);

        assertThat(DeviceLatencyBenchmark.pair(onsets)).containsExactly(208.0, 188.0, 128.0, 107.0, 107.0);
    }

    @Test
    void aClickThatDidNotComeBackGivesNoTrip() {
        assertThat(DeviceLatencyBenchmark.pair(List.of(200.0, 1000.0, 1160.0, 1800.0, 1950.0, 2600.0)))
                .containsExactly(160.0, 150.0);
    }

    @Test
    void longTripsStillPairWithTheirOwnClick() {
        // Returns 450-480 ms late: more than half a period, but they vary and the clicks do not.
        assertThat(DeviceLatencyBenchmark.pair(List.of(200.0, 650.0, 1000.0, 1460.0, 1800.0, 2280.0, 2600.0)))
                .containsExactly(450.0, 460.0, 480.0);
    }

    /**
     * A settled round (javax.sound output, 2026-12-01): every return 86-88 ms after its click, but the last
     * three clicks as played were too quiet to count as onsets, so the returns' grid held more onsets (8)
     * than the clicks' (5) and was taken for the clicks: the round gave no trip at all. Two grids that both
     * hold several onsets are told apart by which follows which, whatever their counts.
     */
    @Test
    void steadyReturnsWithSomeClicksUnheardStillPairWithTheClicks() {
        List<Double> onsets = List.of(10195.0, 10281.0, 10995.0, 11081.0, 11794.0, 11881.0, 12593.0, 12681.0, 13393.0,
                13481.0, 14281.0, 15081.0, 15881.0);

        assertThat(DeviceLatencyBenchmark.pair(onsets)).containsExactly(86.0, 86.0, 87.0, 88.0, 88.0, 86.0, 86.0, 86.0);
    }

    /**
     * A round measured on a quiet machine (2026-12-02) gave no trip although all eight clicks came back 50 ms
     * later: each return rose through a millisecond just above the quiet level before it crossed a third of
     * the peak, and an onset needed the quiet right before the crossing.
     */
    @Test
    void aReturnThatRisesOverAMillisecondStillCountsAsAnOnset() {
        short[] recording = new short[48 * 2_000];
        for (int click : new int[] {200, 1_000, 1_800}) {
            fill(recording, click, 20, 16_000);
            fill(recording, click + 48, 1, 1_500);
            fill(recording, click + 49, 1, 4_000);
            fill(recording, click + 50, 20, 16_000);
        }

        assertThat(DeviceLatencyBenchmark.onsets(recording)).containsExactly(200.0, 250.0, 1000.0, 1050.0, 1800.0, 1850.0);
        assertThat(DeviceLatencyBenchmark.trips(recording)).containsExactly(50.0, 50.0, 50.0);
    }

    /** A 1 kHz tone of {@code amplitude} from {@code fromMs} for {@code millis} ms (whole periods: RMS = amplitude / √2). */
    private static void fill(short[] x, int fromMs, int millis, int amplitude) {
        for (int i = 0; i < 48 * millis; i++) {
            x[48 * fromMs + i] = (short) (amplitude * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
        }
    }
}
