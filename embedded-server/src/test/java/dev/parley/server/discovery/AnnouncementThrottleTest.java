package dev.parley.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.discovery.LanAnnouncement;
import org.junit.jupiter.api.Test;

class AnnouncementThrottleTest {
    private static final LanAnnouncement ZERO = new LanAnnouncement("Room", 7720, 7720, null, false, 0, 1, "0.1.0");

    @Test
    void firstChangeAfterAQuietIntervalGoesOutAtOnce() {
        AnnouncementThrottle throttle = new AnnouncementThrottle(ZERO, 0, 3_000);
        assertThat(throttle.offer(ZERO.withUsersOnline(1), 3_000)).contains(ZERO.withUsersOnline(1));
        assertThat(throttle.dueAt()).isEmpty();
    }

    @Test
    void aBurstOfJoinsIsFoldedIntoOneTrailingUpdateWithTheLatestCount() {
        AnnouncementThrottle throttle = new AnnouncementThrottle(ZERO, 0, 3_000);
        int sent = 0;
        for (int users = 1; users <= 50; users++) {
            // fifty people join within one second
            if (throttle.offer(ZERO.withUsersOnline(users), 100 + users * 20L).isPresent()) {
                sent++;
            }
        }
        assertThat(sent).isZero();
        assertThat(throttle.dueAt()).contains(3_000L);
        assertThat(throttle.poll(2_999)).isEmpty();
        assertThat(throttle.poll(3_000)).contains(ZERO.withUsersOnline(50));
        assertThat(throttle.poll(9_000)).isEmpty();
        assertThat(throttle.published().usersOnline()).isEqualTo(50);
    }

    @Test
    void aChangeUndoneBeforeItWentOutSendsNothing() {
        AnnouncementThrottle throttle = new AnnouncementThrottle(ZERO, 0, 3_000);
        assertThat(throttle.offer(ZERO.withUsersOnline(1), 500)).isEmpty();
        assertThat(throttle.offer(ZERO, 900)).isEmpty();
        assertThat(throttle.dueAt()).isEmpty();
        assertThat(throttle.poll(10_000)).isEmpty();
    }

    @Test
    void updatesNeverComeCloserThanTheInterval() {
        AnnouncementThrottle throttle = new AnnouncementThrottle(ZERO, 0, 3_000);
        long lastSent = 0;
        for (long now = 0; now <= 60_000; now += 250) {
            int users = (int) (now / 250) % 7; // churn every poll
            long at = now;
            var out = throttle.offer(ZERO.withUsersOnline(users), at).or(() -> throttle.poll(at));
            if (out.isPresent()) {
                assertThat(now - lastSent).isGreaterThanOrEqualTo(3_000);
                lastSent = now;
            }
        }
        assertThat(lastSent).isGreaterThan(50_000);
    }
}
