package dev.parley.client.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delayDoublesFromTheInitialUpToTheCap() {
        Backoff noJitter = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), 0.2, () -> 0.5);

        assertThat(java.util.stream.IntStream.range(0, 9).mapToLong(noJitter::delayMillis).boxed().toList())
                .containsExactly(250L, 500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L);
    }

    @Test
    void jitterSpreadsEachDelayByAtMostItsShare() {
        Backoff low = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(10), 0.2, () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(10), 0.2, () -> 0.999999);

        assertThat(low.delayMillis(0)).isEqualTo(800);
        assertThat(high.delayMillis(0)).isEqualTo(1200);
        assertThat(high.delayMillis(20)).isEqualTo(12000);
    }

    @Test
    void hugeAttemptNumbersDoNotOverflow() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), 0, () -> 0.5);

        assertThat(backoff.delayMillis(Integer.MAX_VALUE)).isEqualTo(10_000);
    }
}
