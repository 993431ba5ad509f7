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
}
