package dev.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    @Test
    void threeFreeGuessesPerAccountThenDoublingWaitsUpToAMinute() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.waitMillis("ann", "10.0.0." + i)).isZero();
            throttle.failed("ann", "10.0.0." + i);
        }
        assertThat(throttle.waitMillis("ann", "10.0.0.99")).isEqualTo(1_000);
        throttle.failed("ann", "10.0.0.99");
        assertThat(throttle.waitMillis("ann", "10.0.0.100")).isEqualTo(2_000);
        for (int i = 0; i < 20; i++) {
            throttle.failed("ann", "10.0.1." + i);
        }
        assertThat(throttle.waitMillis("ann", "10.0.2.1")).isEqualTo(60_000);
        assertThat(throttle.waitMillis("bob", "10.0.2.1")).isZero();
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedToo() {
        throttle.failed("ann", "10.0.0.7");
        throttle.failed("bob", "10.0.0.7");
        throttle.failed("cat", "10.0.0.7");

        assertThat(throttle.waitMillis("dan", "10.0.0.7")).isEqualTo(1_000);
        assertThat(throttle.waitMillis("dan", "10.0.0.8")).isZero();
    }

    @Test
    void waitsRunOutAndOldFailuresAreForgotten() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ann", "10.0.0.7");
        }
        now.addAndGet(1_999);
        assertThat(throttle.waitMillis("ann", "10.0.0.1")).isEqualTo(1);
        now.addAndGet(Duration.ofMinutes(16).toMillis());
        assertThat(throttle.waitMillis("ann", "10.0.0.7")).isZero();
        throttle.failed("ann", "10.0.0.7");
        assertThat(throttle.waitMillis("ann", "10.0.0.7")).as("the count started again").isZero();
    }

    @Test
    void theRightPasswordClearsAccountAndAddress() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("ann", "10.0.0.7");
        }
        throttle.succeeded("ann", "10.0.0.7");

        assertThat(throttle.waitMillis("ann", "10.0.0.7")).isZero();
    }
}
