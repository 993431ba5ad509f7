package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesComeFromTheRecordedLatencies() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int micros = 1; micros <= 100; micros++) {
            histogram.recordNanos(micros * 1_000L);
        }

        assertThat(histogram.count()).isEqualTo(100);
        assertThat(histogram.percentileMillis(50)).isEqualTo(0.050);
        assertThat(histogram.percentileMillis(99)).isEqualTo(0.099);
        assertThat(histogram.maxMillis()).isEqualTo(0.100);
    }

    @Test
    void slowDeliveriesKeepMillisecondResolutionAndAnExactMaximum() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.recordNanos(1_000_000L);
        histogram.recordNanos(250_400_000L);

        assertThat(histogram.percentileMillis(100)).isEqualTo(250.0);
        assertThat(histogram.maxMillis()).isEqualTo(250.4);
    }

    @Test
    void mergingAddsCountsAndKeepsTheLargerMaximum() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.recordNanos(2_000_000L);
        b.recordNanos(30_000_000L);

        a.add(b);

        assertThat(a.count()).isEqualTo(2);
        assertThat(a.maxMillis()).isEqualTo(30.0);
        assertThat(a.percentileMillis(50)).isEqualTo(2.0);
    }
}
