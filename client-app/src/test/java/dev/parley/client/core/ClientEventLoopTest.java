package dev.parley.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ClientEventLoopTest {
    @Test
    void tasksRunOneAtATimeInPostingOrderOnTheEventThread() {
        try (ClientEventLoop loop = new ClientEventLoop()) {
            List<Integer> order = new CopyOnWriteArrayList<>();
            List<Boolean> onLoop = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                loop.execute(() -> {
                    order.add(n);
                    onLoop.add(loop.inEventThread());
                });
            }
            await().until(() -> order.size() == 1000);
            assertThat(order).isSorted();
            assertThat(onLoop).containsOnly(true);
        }
    }

    @Test
    void timersFireInDueOrderAndCancelledOnesNever() throws Exception {
        try (ClientEventLoop loop = new ClientEventLoop()) {
            List<String> fired = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            loop.schedule(() -> fired.add("late"), 60, TimeUnit.MILLISECONDS);
            loop.schedule(() -> fired.add("early"), 10, TimeUnit.MILLISECONDS);
            loop.schedule(() -> fired.add("cancelled"), 30, TimeUnit.MILLISECONDS).cancel();
            loop.schedule(done::countDown, 100, TimeUnit.MILLISECONDS);

            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(fired).containsExactly("early", "late");
        }
    }

    @Test
    void anIdleLoopSleepsUntilSomethingIsPostedAndStillStopsAtClose() throws Exception {
        ClientEventLoop loop = new ClientEventLoop();
        Thread[] eventThread = new Thread[1];
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(() -> {
            eventThread[0] = Thread.currentThread();
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        // Before: with no timer the loop looked again every second (TIMED_WAITING), waking an idle app for nothing.
        await().until(() -> eventThread[0].getState() == Thread.State.WAITING);

        CountDownLatch fired = new CountDownLatch(1);
        Thread scheduler = new Thread(() -> loop.schedule(fired::countDown, 20, TimeUnit.MILLISECONDS));
        scheduler.start();
        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();

        loop.close();
        assertThat(eventThread[0].isAlive()).isFalse();
    }

    @Test
    void aFailingTaskDoesNotStopTheLoop() {
        try (ClientEventLoop loop = new ClientEventLoop()) {
            CountDownLatch after = new CountDownLatch(1);
            loop.execute(() -> {
                throw new IllegalStateException("listener bug");
            });
            loop.execute(after::countDown);
            await().until(() -> after.getCount() == 0);
        }
    }

    @Test
    void tasksPostedFromTheLoopItselfRunAfterTheCurrentOne() {
        try (ClientEventLoop loop = new ClientEventLoop()) {
            List<String> order = new CopyOnWriteArrayList<>();
            loop.execute(() -> {
                loop.execute(() -> order.add("inner"));
                order.add("outer");
            });
            await().until(() -> order.size() == 2);
            assertThat(order).containsExactly("outer", "inner");
        }
    }
}
