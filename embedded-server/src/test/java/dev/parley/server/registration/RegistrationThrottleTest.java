package dev.parley.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RegistrationThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RegistrationThrottle throttle = new RegistrationThrottle(
            RegistrationLimits.defaults().withRates(3, Duration.ofSeconds(30), 5, Duration.ofSeconds(15)), now::get);

    @Test
    void oneAddressGetsItsBurstThenWaitsForTheRefill() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAcquire("10.0.0.1")).isZero();
        }

        assertThat(throttle.tryAcquire("10.0.0.1")).isEqualTo(30_000);
        now.addAndGet(29_000);
        assertThat(throttle.tryAcquire("10.0.0.1")).isEqualTo(1_000);
        now.addAndGet(1_000);
        assertThat(throttle.tryAcquire("10.0.0.1")).isZero();
    }

    @Test
    void theRoomAsAWholeIsLimitedAcrossAddresses() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAcquire("10.0.0." + i)).isZero();
        }

        assertThat(throttle.tryAcquire("10.0.0.99")).as("a fresh address, but the room is full").isEqualTo(15_000);
        now.addAndGet(15_000);
        assertThat(throttle.tryAcquire("10.0.0.99")).isZero();
    }

    @Test
    void aRefusedAttemptTakesNothing() {
        for (int i = 0; i < 3; i++) {
            throttle.tryAcquire("10.0.0.1");
        }
        for (int i = 0; i < 100; i++) {
            throttle.tryAcquire("10.0.0.1"); // refused: must not drain the room's bucket
        }

        assertThat(throttle.tryAcquire("10.0.0.2")).isZero();
        assertThat(throttle.tryAcquire("10.0.0.2")).isZero();
    }

    @Test
    void manyAddressesAreRememberedWithinABound() {
        RegistrationThrottle roomy = new RegistrationThrottle(
                RegistrationLimits.defaults().withRates(1, Duration.ofSeconds(30), 1_000_000, Duration.ofMillis(1)),
                now::get);
        for (int i = 0; i < 50_000; i++) {
            assertThat(roomy.tryAcquire("addr-" + i)).isZero();
        }
        // Still answers (and limits a repeat of the newest address); memory stayed bounded by evicting the oldest.
        assertThat(roomy.tryAcquire("addr-49999")).isPositive();
    }
}
