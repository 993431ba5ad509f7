package dev.parley.client.core.audio.pulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BufferPolicyTest {

    private static final long MS = 1_000_000L;
    private static final long CALM = 15_000 * MS;

    private final BufferPolicy policy = new BufferPolicy(20, 20, 120, CALM);

    @Test
    void startsAtTheGivenSizeAndStaysThereWhileNothingRunsDry() {
        for (long t = 0; t < 60_000; t += 10) {
            assertThat(policy.tick(t * MS, true)).isFalse();
        }
        assertThat(policy.targetMillis()).isEqualTo(20);
    }

    @Test
    void growsOneStepOnALoneUnderrunAndTwoOnABurst() {
        policy.tick(0, true);
        assertThat(policy.underrun(10_000 * MS)).isTrue();
        assertThat(policy.targetMillis()).isEqualTo(30);
        // a second one within two seconds: the first step was not enough
        assertThat(policy.underrun(11_000 * MS)).isTrue();
        assertThat(policy.targetMillis()).isEqualTo(50);
        // a lone one later: one step
        policy.underrun(14_000 * MS);
        assertThat(policy.targetMillis()).isEqualTo(60);
    }

    @Test
    void neverGrowsPastTheMaximum() {
        for (int i = 0; i < 50; i++) {
            policy.underrun(i * 400 * MS);
        }
        assertThat(policy.targetMillis()).isEqualTo(120);
        assertThat(policy.underrun(30_000 * MS)).isFalse();
    }

    @Test
    void shrinksOneStepPerCalmPeriodOnlyWhileQuietAndNeverBelowTheMinimum() {
        BufferPolicy started = new BufferPolicy(50, 20, 120, CALM);
        started.tick(0, true);
        // calm for less than the period: no change
        assertThat(started.tick(CALM - MS, true)).isFalse();
        // calm long enough but someone is talking: wait for a quiet chunk
        assertThat(started.tick(CALM + 100 * MS, false)).isFalse();
        assertThat(started.tick(CALM + 110 * MS, true)).isTrue();
        assertThat(started.targetMillis()).isEqualTo(40);
        // the next step needs a whole calm period again
        assertThat(started.tick(CALM + 120 * MS, true)).isFalse();
        long t = CALM + 110 * MS;
        for (int i = 0; i < 10; i++) {
            t += CALM;
            started.tick(t, true);
        }
        assertThat(started.targetMillis()).isEqualTo(20);
    }

    @Test
    void everyUnderrunDoublesTheCalmPeriodUpToALimit() {
        assertThat(policy.calmNanos()).isEqualTo(CALM);
        policy.underrun(0);
        assertThat(policy.calmNanos()).isEqualTo(2 * CALM);
        policy.underrun(10_000 * MS);
        assertThat(policy.calmNanos()).isEqualTo(4 * CALM);
        for (int i = 0; i < 10; i++) {
            policy.underrun((20_000 + i * 10_000) * MS);
        }
        assertThat(policy.calmNanos()).isEqualTo(16 * CALM);
        long last = 110_000 * MS;
        assertThat(policy.tick(last + 16 * CALM - MS, true)).isFalse();
        assertThat(policy.tick(last + 16 * CALM, true)).isTrue();
    }

    @Test
    void anUnderrunRestartsTheCalmPeriod() {
        policy.underrun(0);
        policy.underrun(5 * CALM);
        assertThat(policy.tick(5 * CALM + policy.calmNanos() - MS, true)).isFalse();
        assertThat(policy.tick(5 * CALM + policy.calmNanos(), true)).isTrue();
    }

    @Test
    void refusesBoundsThatMakeNoSense() {
        assertThatThrownBy(() -> new BufferPolicy(10, 20, 120, CALM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BufferPolicy(20, 20, 10, CALM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BufferPolicy(20, 5, 120, CALM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BufferPolicy(20, 20, 120, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void underrunsInOneEpisodeGrowTheBufferOnce() {
        policy.tick(0, true);
        // one stall: the stream runs dry, plays what trickles in, runs dry again, four times in 90 ms
        assertThat(policy.underrun(1_000 * MS)).isTrue();
        assertThat(policy.underrun(1_030 * MS)).isFalse();
        assertThat(policy.underrun(1_060 * MS)).isFalse();
        assertThat(policy.underrun(1_090 * MS)).isFalse();
        assertThat(policy.targetMillis()).isEqualTo(30);
        assertThat(policy.calmNanos()).isEqualTo(2 * CALM);
        // the calm period runs from the episode's last underrun
        assertThat(policy.tick(1_090 * MS + 2 * CALM - MS, true)).isFalse();
        assertThat(policy.tick(1_090 * MS + 2 * CALM, true)).isTrue();
        // a new stall later is a new episode (and within 2 s of nothing: one step)
        assertThat(policy.underrun(100_000 * MS)).isTrue();
        assertThat(policy.targetMillis()).isEqualTo(30);
    }
}
