package dev.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.auth.GuessThrottle.Attempt;
import dev.parley.server.auth.GuessThrottle.Verdict;
import dev.parley.server.auth.GuessThrottle.Wait;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GuessThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final GuessThrottle throttle = new GuessThrottle(now::get);

    private Attempt admitted(String secret, String address) {
        Verdict verdict = throttle.begin(secret, address);
        assertThat(verdict).as("%s from %s", secret, address).isInstanceOf(Attempt.class);
        return (Attempt) verdict;
    }

    private long waitOf(String secret, String address) {
        Verdict verdict = throttle.begin(secret, address);
        assertThat(verdict).as("%s from %s", secret, address).isInstanceOf(Wait.class);
        return ((Wait) verdict).millis();
    }

    private void fail(String secret, String address) {
        throttle.finished(admitted(secret, address), false);
    }

    @Test
    void pipelinedGuessesWaitForTheOneInFlight() {
        Attempt first = admitted("account:ann", "10.0.0.1");

        assertThat(waitOf("account:ann", "10.0.0.1")).isEqualTo(GuessThrottle.BUSY_RETRY_MS);
        assertThat(waitOf("account:ann", "10.0.0.2")).as("same account, other address").isEqualTo(GuessThrottle.BUSY_RETRY_MS);
        assertThat(waitOf("account:bob", "10.0.0.1")).as("same address, other account").isEqualTo(GuessThrottle.BUSY_RETRY_MS);
        admitted("account:bob", "10.0.0.2");
        throttle.finished(first, false);
        assertThat(throttle.begin("account:ann", "10.0.0.1")).isInstanceOf(Attempt.class);
    }

    @Test
    void threeFreeFailuresPerSecretThenDoublingWaitsUpToAMinute() {
        for (int i = 0; i < 3; i++) {
            fail("account:ann", "10.0.0." + i);
        }
        assertThat(waitOf("account:ann", "10.0.0.1")).isEqualTo(1_000);
        now.addAndGet(1_000);
        fail("account:ann", "10.0.0.1");
        assertThat(waitOf("account:ann", "10.0.0.2")).isEqualTo(2_000);
        for (int i = 0; i < 20; i++) {
            now.addAndGet(60_000);
            fail("account:ann", "10.0.1." + (i % 2));
        }
        assertThat(waitOf("account:ann", "10.0.1.0")).isEqualTo(60_000);
        assertThat(throttle.begin("account:bob", "10.0.2.1")).isInstanceOf(Attempt.class);
    }

    @Test
    void aCleanAddressIsSparedTheSecretsWaitOnceButNotTwice() {
        for (int i = 0; i < 5; i++) {
            now.addAndGet(60_000);
            fail("room", "10.0.0.1");
        }
        assertThat(waitOf("room", "10.0.0.1")).isPositive();

        fail("room", "10.0.0.2");
        assertThat(waitOf("room", "10.0.0.2")).as("now it has a failure of its own").isPositive();
        throttle.finished(admitted("room", "10.0.0.3"), true);
        assertThat(throttle.begin("room", "10.0.0.3")).as("and someone who knows it").isInstanceOf(Attempt.class);
    }

    @Test
    void oneAddressGuessingManySecretsIsSlowedToo() {
        fail("account:ann", "10.0.0.7");
        fail("room", "10.0.0.7");
        fail("channel:4", "10.0.0.7");

        assertThat(waitOf("account:dan", "10.0.0.7")).isEqualTo(1_000);
        assertThat(throttle.begin("account:dan", "10.0.0.8")).isInstanceOf(Attempt.class);
    }

    @Test
    void theRightAnswerTakesBackTheProvisionalFailure() {
        for (int i = 0; i < 2; i++) {
            fail("room", "10.0.0.7");
        }
        throttle.finished(admitted("room", "10.0.0.7"), true);

        assertThat(throttle.begin("room", "10.0.0.7")).isInstanceOf(Attempt.class);
    }

    @Test
    void someoneWhoSignedInFromAnAddressIsNotLockedOutByAnAttackOnTheirAccount() {
        throttle.finished(admitted("account:ann", "10.0.0.5"), true);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(61_000);
            fail("account:ann", "10.6.6." + i);
        }

        assertThat(waitOf("account:ann", "10.6.6.0")).as("the attacker").isPositive();
        assertThat(throttle.begin("account:ann", "10.0.0.5")).as("ann at home").isInstanceOf(Attempt.class);
    }

    @Test
    void aDistributedAttackStallsEveryAddressWithFailuresButNotCleanOnes() {
        for (int i = 0; i < GuessThrottle.GLOBAL_FAILURES; i++) {
            fail("account:user" + i, "10.1." + (i / 200) + "." + (i % 200));
        }

        assertThat(waitOf("account:fresh", "10.1.0.0")).isPositive();
        assertThat(throttle.begin("account:fresh", "10.2.0.1")).as("a clean address").isInstanceOf(Attempt.class);
        now.addAndGet(GuessThrottle.GLOBAL_WINDOW_MS + 1);
        assertThat(throttle.begin("account:other", "10.1.0.0")).isInstanceOf(Attempt.class);
    }

    @Test
    void waitsRunOutAndOldFailuresAreForgotten() {
        for (int i = 0; i < 4; i++) {
            now.addAndGet(10_000);
            fail("account:ann", "10.0.0.7");
        }
        now.addAndGet(1_999);
        assertThat(waitOf("account:ann", "10.0.0.7")).isEqualTo(1);
        now.addAndGet(Duration.ofMinutes(16).toMillis());
        fail("account:ann", "10.0.0.7");
        assertThat(throttle.begin("account:ann", "10.0.0.7")).as("the count started again").isInstanceOf(Attempt.class);
    }

    @Test
    void checksThatNeverReportBackStopBlockingAfterATimeout() {
        admitted("account:ann", "10.0.0.1");
        now.addAndGet(GuessThrottle.IN_FLIGHT_TIMEOUT_MS + 1);

        assertThat(throttle.begin("account:bob", "10.0.0.1")).isInstanceOf(Attempt.class);
        assertThat(throttle.inFlight()).isEqualTo(1);
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() throws Exception {
        assertThat(GuessThrottle.addressKey(InetAddress.getByName("2001:db8:1:2::5")))
                .isEqualTo(GuessThrottle.addressKey(InetAddress.getByName("2001:db8:1:2:ffff::9")));
        assertThat(GuessThrottle.addressKey(InetAddress.getByName("10.0.0.1"))).isEqualTo("10.0.0.1");
    }
}
