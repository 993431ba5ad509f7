package dev.parley.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    private final ReplayWindow window = new ReplayWindow();

    @Test
    void inOrderCountersAreAllAccepted() {
        for (long c = 0; c < 1000; c++) {
            assertThat(window.accept(c)).as("counter %d", c).isTrue();
        }
        assertThat(window.highest()).isEqualTo(999);
        assertThat(window.acceptedCount()).isEqualTo(1000);
    }

    @Test
    void firstCounterNeedNotBeZero() {
        assertThat(window.accept(5_000)).isTrue();
        assertThat(window.accept(4_990)).isTrue();
    }

    @Test
    void outOfOrderCountersWithinTheWindowAreAccepted() {
        assertThat(window.accept(10)).isTrue();
        assertThat(window.accept(8)).isTrue();
        assertThat(window.accept(12)).isTrue();
        assertThat(window.accept(9)).isTrue();
        assertThat(window.accept(11)).isTrue();
        assertThat(window.highest()).isEqualTo(12);
    }

    @Test
    void duplicateIsRejected() {
        window.accept(1);
        window.accept(2);

        assertThat(window.accept(2)).isFalse();
        assertThat(window.accept(1)).isFalse();
        assertThat(window.acceptedCount()).isEqualTo(2);
    }

    @Test
    void counterOlderThanTheWindowIsRejectedEvenIfNeverSeen() {
        window.accept(1000);

        assertThat(window.accept(1000 - ReplayWindow.SIZE + 1)).isTrue();
        assertThat(window.accept(1000 - ReplayWindow.SIZE)).isFalse();
        assertThat(window.accept(0)).isFalse();
    }

    @Test
    void largeJumpForwardForgetsEverythingBehindTheNewWindow() {
        window.accept(1);
        window.accept(2);

        assertThat(window.accept(1_000_000)).isTrue();
        assertThat(window.accept(2)).isFalse();
        assertThat(window.accept(999_999)).isTrue();
        assertThat(window.accept(1_000_000)).isFalse();
    }

    @Test
    void jumpSmallerThanTheWindowKeepsRecentDuplicatesRejected() {
        for (long c = 0; c < 100; c++) {
            window.accept(c);
        }
        assertThat(window.accept(150)).isTrue();

        assertThat(window.accept(99)).isFalse();
        assertThat(window.accept(40)).isFalse();
        assertThat(window.accept(120)).isTrue();
    }

    @Test
    void negativeCounterIsRejected() {
        assertThat(window.accept(-1)).isFalse();
        assertThat(window.highest()).isEqualTo(-1);
    }

    @Test
    void wouldAcceptChangesNothing() {
        assertThat(window.wouldAccept(7)).isTrue();
        assertThat(window.wouldAccept(7)).isTrue();
        assertThat(window.highest()).isEqualTo(-1);
        assertThat(window.accept(7)).isTrue();
        assertThat(window.wouldAccept(7)).isFalse();
    }

    @Test
    void agreesWithASimpleModelOnRandomTraffic() {
        Random random = new Random(99);
        Set<Long> seen = new HashSet<>();
        long highest = -1;
        long base = 0;
        for (int i = 0; i < 200_000; i++) {
            base += random.nextInt(3);
            if (random.nextInt(1000) == 0) {
                base += random.nextInt(500);
            }
            long counter = Math.max(0, base - random.nextInt(ReplayWindow.SIZE + 40));
            boolean expected = !seen.contains(counter) && (counter > highest || highest - counter < ReplayWindow.SIZE);

            assertThat(window.accept(counter)).as("step %d counter %d", i, counter).isEqualTo(expected);
            if (expected) {
                seen.add(counter);
                highest = Math.max(highest, counter);
            }
        }
    }
}
