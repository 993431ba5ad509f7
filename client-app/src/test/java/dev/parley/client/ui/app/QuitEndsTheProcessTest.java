package dev.parley.client.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Quitting ends the process even when a library left a non-daemon thread running, as jmDNS does after one
 * of its responders gave up on an interface: a walkthrough's host app had no window but was still running
 * a minute after Quit, held up by three "JmDNS(…).State.Timer" threads.
 */
class QuitEndsTheProcessTest {
    @Test
    void aLeftoverNonDaemonThreadIsNamedAndTheProcessStillExits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread leftover = new Thread(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "JmDNS(parley-test).State.Timer");
        leftover.start(); // not a daemon, like jmDNS's state timer
        try {
            assertThat(ParleyLauncher.lingeringThreads()).contains("JmDNS(parley-test).State.Timer");
            AtomicInteger exitCode = new AtomicInteger(-1);

            ParleyLauncher.afterWindowClosed(exitCode::set);

            assertThat(exitCode).hasValue(0);
        } finally {
            release.countDown();
            leftover.join(10_000);
        }
    }
}
