package dev.parley.bench.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room-size tool's quick mode, run by every build: a real room in its own JVM, 40 guests signed
 * in through the one-thread {@link Crowd}, a leave and a join storm of 10. Asserts that every
 * presence event reached everyone it had to and nobody was dropped; no timing.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RoomSizeSmokeTest {

    private static final Logger log = LoggerFactory.getLogger(RoomSizeSmokeTest.class);

    @TempDir
    Path data;

    @Test
    void aSmallRoomFillsAndEveryoneHearsOfEveryJoinAndLeave() throws Exception {
        RoomSizeMain.Plan plan = new RoomSizeMain.Plan(40, 20, 10, 2, 8, 0, 2, List.of("-Xmx128m"),
                System.getProperty("java.class.path"), data);

        RoomSizeMain.Round round = RoomSizeMain.run(plan, data.resolve("room"), log::info);

        assertThat(round.failures()).isZero();
        // 10 leave from a room of 40: each "offline" reaches at least the 30 who stay.
        assertThat(round.leaveStateFrames()).isGreaterThanOrEqualTo(10L * 30);
        // 10 join a room of 30: each one's state reaches at least the 30 already there.
        assertThat(round.joinStateFrames()).isGreaterThanOrEqualTo(10L * 30);
        assertThat(round.idleRssKiB()).isPositive();
        assertThat(round.memoryAtRssKiB()).isPositive();
        assertThat(round.idleThreads()).isPositive();
    }

    @Test
    void framesToTheRoomAreMaskedTextFramesOfTheRightLength() {
        byte[] small = Crowd.textFrame("hi");
        assertThat(small).containsExactly(0x81, 0x82, 0, 0, 0, 0, 'h', 'i');
        byte[] medium = Crowd.textFrame("x".repeat(300));
        assertThat(medium).hasSize(4 + 4 + 300);
        assertThat(medium[1] & 0xFF).isEqualTo(0x80 | 126);
        assertThat(((medium[2] & 0xFF) << 8) | (medium[3] & 0xFF)).isEqualTo(300);
    }
}
