package dev.parley.client.core.voice.jitter;

import static dev.parley.client.core.voice.TestPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JitterBufferConcurrencyTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void networkAndPlaybackThreadsCanUseItAtOnce() throws InterruptedException {
        JitterBuffer buffer = new JitterBuffer();
        int packets = 20_000;
        AtomicLong virtualNow = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);

        Thread network = new Thread(() -> {
            try {
                for (int i = 0; i < packets; i++) {
                    buffer.offer(frame(i, i % 100 == 99), virtualNow.addAndGet(1_000_000));
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        }, "test-network");
        long plays = 0;
        network.start();
        while (done.getCount() > 0) {
            Playout playout = buffer.pull(virtualNow.get());
            if (playout.action() == Playout.Action.PLAY) {
                plays++;
            }
        }
        network.join();

        assertThat(failure.get()).isNull();
        JitterStats stats = buffer.stats();
        assertThat(stats.received()).isEqualTo(packets);
        assertThat(plays + stats.buffered() + stats.late() + stats.duplicate() + stats.overflowDropped())
                .isEqualTo(packets);
    }
}
