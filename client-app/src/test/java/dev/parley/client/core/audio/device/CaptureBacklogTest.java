package dev.parley.client.core.audio.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link CaptureBacklog} against a simulated pulse-plugin capture line: the device produces 96 bytes a
 * millisecond (48 kHz mono 16-bit) into a server-side queue of any size; the line shows at most its
 * 1,920-byte buffer of it (and a full one as 1,918, as the plugin does).
 */
class CaptureBacklogTest {

    private static final int RATE = 96_000;
    private static final int BUFFER = 1920;
    private static final int CHUNK = 960;
    private static final long MS = 1_000_000L;

    /** The device and its server-side queue, on a simulated clock. */
    private static final class Line {
        long nowNanos;
        long produced;
        long taken;
        final CaptureBacklog backlog = new CaptureBacklog(RATE, 2, BUFFER, CHUNK);
        long heard;

        /** The device delivers in 10 ms periods. */
        void advance(long nanos) {
            nowNanos += nanos;
            produced = nowNanos / (10 * MS) * CHUNK;
        }

        int available() {
            long waiting = produced - taken;
            return (int) Math.min(waiting, BUFFER - 2);
        }

        /** The reader until it finds the line empty: discard what it says, else read everything shown. */
        void poll() {
            for (int guard = 0; guard < 10_000; guard++) {
                int available = available();
                int discard = backlog.toDiscard(available, nowNanos);
                if (discard > 0) {
                    taken += discard;
                    backlog.discarded(discard);
                    continue;
                }
                if (available == 0) {
                    return;
                }
                taken += available;
                heard += available;
                backlog.read(available, available(), nowNanos);
            }
            throw new AssertionError("reader never settled");
        }

        long behindMillis() {
            return (produced - taken) / 96;
        }
    }

    @Test
    void audioPiledUpBeforeTheReaderFirstCaughtUpIsSkippedSoTheStreamStartsNow() {
        Line line = new Line();
        // The line opened, and the capture thread started reading only after a 900 ms warm-up.
        line.advance(900 * MS);
        line.poll();
        assertThat(line.behindMillis()).isLessThan(20);
        assertThat(line.backlog.skippedAtStartMillis()).isBetween(880L, 900L);
        assertThat(line.backlog.discardedMillis()).as("nobody was listening yet: not a loss").isZero();
        // From then on it keeps up and nothing is thrown away.
        for (int i = 0; i < 500; i++) {
            line.advance(MS);
            line.poll();
        }
        assertThat(line.backlog.started()).isTrue();
        assertThat(line.backlog.skippedAtStartMillis()).isBetween(880L, 900L);
        assertThat(line.backlog.discardedMillis()).isZero();
        assertThat(line.behindMillis()).isLessThan(10);
    }

    @Test
    void aShortStallIsCaughtUpByReadingAndLosesNothing() {
        Line line = keptUpFor(2000);
        line.advance(100 * MS);
        line.poll();
        assertThat(line.backlog.discardedMillis()).isZero();
        assertThat(line.behindMillis()).isLessThan(10);
        assertThat(line.heard).isEqualTo(line.produced);
    }

    @Test
    void aLongStallIsCutDownToTheNewestAudioAndCounted() {
        Line line = keptUpFor(2000);
        line.advance(700 * MS);
        line.poll();
        // Down to what a normal read finds waiting: the oldest ~680 ms are gone, and said so.
        assertThat(line.behindMillis()).isLessThan(20);
        assertThat(line.backlog.discardedMillis()).isBetween(660L, 700L);
        assertThat(line.backlog.maxBacklogMillis()).isGreaterThanOrEqualTo(690L);
    }

    @Test
    void aReaderThatIsSlowForAWhileNeverRunsMoreThanTheBoundBehind() {
        Line line = keptUpFor(1000);
        long worst = 0;
        // For 3 s the reader comes only every 35 ms and gets 2/3 of the time it needs (a cold or starved
        // JVM): without a bound it would end over a second behind.
        for (int i = 0; i < 3000; i += 35) {
            line.advance(35 * MS);
            if (i % 3 != 0) {
                line.poll();
            } else {
                line.advance(0);
            }
            worst = Math.max(worst, line.behindMillis());
        }
        assertThat(worst).isLessThanOrEqualTo(CaptureBacklog.MAX_BACKLOG_NANOS / MS + 40);
    }

    @Test
    void aDeviceClockSlowerThanTheSystemClockIsNotMistakenForABacklog() {
        Line line = keptUpFor(500);
        // 0.1 % slow over ten minutes: 600 ms less audio than the system clock says, never a real backlog.
        long periodNanos = 10_010_000L;
        long deviceTime = 0;
        for (int i = 0; i < 60_000; i++) {
            line.nowNanos += periodNanos;
            deviceTime += 10 * MS;
            line.produced = (500 * MS + deviceTime) / (10 * MS) * CHUNK;
            line.poll();
        }
        assertThat(line.backlog.discardedMillis()).isZero();
        assertThat(line.backlog.backlogNanos(line.nowNanos)).isLessThan(20 * MS);
    }

    private static Line keptUpFor(long millis) {
        Line line = new Line();
        for (int i = 0; i < millis; i++) {
            line.advance(MS);
            line.poll();
        }
        assertThat(line.backlog.started()).isTrue();
        return line;
    }
}
