package dev.parley.client.core.voice.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The slot times a device-paced playback loop hands the jitter buffers: a device that takes two chunks
 * every 20 ms (the pulse plugin's periods) must look like one chunk every 10 ms, whatever the bursts.
 */
class DeviceSlotClockTest {

    private static final long MS = 1_000_000L;

    @Test
    void pairsPulledEveryTwentyMillisecondsGetSlotsTenMillisecondsApart() {
        DeviceSlotClock clock = new DeviceSlotClock();
        List<Long> slots = new ArrayList<>();
        for (int period = 0; period < 200; period++) {
            long now = 5_000 * MS + period * 20 * MS;
            slots.add(clock.slot(now, true));
            slots.add(clock.slot(now + MS / 10, true));
        }
        // Pull times step 0.1 ms, 19.9 ms, 0.1 ms ...: what made the time-stretching cut and insert in turn.
        for (int i = 60; i < slots.size(); i++) {
            assertThat(slots.get(i) - slots.get(i - 1)).as("slot %d", i).isEqualTo(10 * MS);
        }
    }

    @Test
    void aSlotIsNeverLaterThanItsPull() {
        DeviceSlotClock clock = new DeviceSlotClock();
        java.util.Random random = new java.util.Random(3);
        long now = 0;
        for (int i = 0; i < 10_000; i++) {
            now += i % 2 == 0 ? 20 * MS + random.nextInt(5) * MS : random.nextInt(2) * MS;
            assertThat(clock.slot(now, random.nextInt(50) != 0)).isLessThanOrEqualTo(now);
        }
    }

    @Test
    void aLatePullDoesNotMoveTheGrid() {
        DeviceSlotClock clock = new DeviceSlotClock();
        long now = 0;
        for (int i = 0; i < 100; i++) {
            clock.slot(now + i * 10 * MS, true);
        }
        // The thread was kept off the CPU for 15 ms; the device's cushion covered it.
        long late = clock.slot(now + 100 * 10 * MS + 15 * MS, true);
        assertThat(late).isEqualTo(100 * 10 * MS);
        assertThat(clock.slot(now + 101 * 10 * MS + 5 * MS, true)).isEqualTo(101 * 10 * MS);
    }

    @Test
    void refillPullsDoNotPullTheGridEarlierButAnUnderrunsGapIsFollowedWithinTheWindow() {
        DeviceSlotClock clock = new DeviceSlotClock();
        int chunk = 0;
        for (; chunk < 100; chunk++) {
            clock.slot(chunk * 10 * MS, true);
        }
        // A 150 ms stall: the device ran dry; after it eight chunks refill the line at once.
        long resume = chunk * 10 * MS + 150 * MS;
        for (int i = 0; i < 8; i++, chunk++) {
            assertThat(clock.slot(resume, false)).isEqualTo(Math.min(resume, chunk * 10 * MS));
        }
        // Then the device's pace again, 110 ms later on its clock than before (the gap).
        long gap = 110 * MS;
        long slot = 0;
        for (int i = 0; i < DeviceSlotClock.WINDOW + 5; i++, chunk++) {
            slot = clock.slot(chunk * 10 * MS + gap, true);
        }
        assertThat(slot).isEqualTo((chunk - 1) * 10 * MS + gap);
    }

    @Test
    void followsADeviceClockThatRunsSlowerThanTheSystemClock() {
        DeviceSlotClock clock = new DeviceSlotClock();
        long slot = 0;
        long now = 0;
        for (int i = 0; i < 100_000; i++) {
            now = Math.round(i * 10 * MS * 1.001); // 0.1 % slow: 1 ms a second
            slot = clock.slot(now, true);
        }
        assertThat(now - slot).isLessThan(MS);
    }
}
