package dev.parley.client.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.Subscription;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The ticker's off-UI looks: where they run, and that one failing look does not end them. */
class UiTickerTest {

    @Test
    void aLookRunsOnTheTickerThreadNotTheUiThreadAndSurvivesAFailure() {
        AtomicInteger looks = new AtomicInteger();
        ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        Subscription ticks = UiTicker.everyOffUi(Duration.ofMillis(5), () -> {
            threads.add(Thread.currentThread().getName());
            if (looks.incrementAndGet() == 1) {
                throw new IllegalStateException("first look fails");
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() >= 3);
        } finally {
            ticks.close();
        }
        assertThat(threads).containsOnly("parley-ui-ticker");
        int stopped = looks.get();
        // Closed: the next tick (5 ms later) does not come; a task already started may still finish.
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> looks.get() <= stopped + 1);
    }
}
