package dev.parley.client.core.audio.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.device.LineCushion.Decision;
import dev.parley.client.core.audio.device.LineCushion.Decision.Kind;
import org.junit.jupiter.api.Test;

/**
 * The pacing decisions on a simulated 100 ms line at 48 kHz mono 16-bit (96 bytes per ms) that behaves
 * like one through the ALSA pulse plugin (measured): position and {@code available()} move in 20 ms
 * steps; a stream that ran dry plays again only once 80 ms are queued; a new stream may be held.
 */
class LineCushionTest {

    private static final int BUFFER = 9_600;
    private static final int CHUNK = 960;
    private static final int PERIOD = 1_920;
    private static final int PREBUF = BUFFER - PERIOD;
    private static final long MS = 1_000_000L;

    private long now = 1_000 * MS;
    private final Line line = new Line();
    private final LineCushion cushion = new LineCushion(BUFFER, CHUNK, 96_000, 0, now);

    @Test
    void startsPrimedWithTheLargestCushion() {
        assertThat(cushion.primeBytes()).isEqualTo(LineCushion.MAX_CUSHION_MILLIS * 96);
    }

    @Test
    void atRealTimePaceWithPeriodSizedStepsTheLineNeverCountsAsDry() {
        line.start(cushion.primeBytes());
        int maxQueued = run(5_000);
        assertThat(cushion.underruns()).isZero();
        assertThat(line.gapMillis).isZero();
        // After the primed start: the cushion (30 ms) plus at most one period of reporting lag and one chunk.
        assertThat(run(5_000)).isLessThanOrEqualTo(30 * 96 + PERIOD + CHUNK);
    }

    /**
     * The bug: on an idle PulseAudio a new stream is held ~1.4 s before it plays, and Java Sound may read
     * {@code available() == 0} meanwhile. Taking that for an underrun refilled the line and dropped the
     * chunks that did not fit (on the old code: REFILL within 30 ms, then again and again).
     */
    @Test
    void aNewStreamTheServerHoldsIsWaitedForNotRefilled() {
        line.start(cushion.primeBytes());
        line.holdUntil = now + 1_400 * MS;
        line.availableWhileHeld = 0;
        for (long t = 0; t < 1_400; t += 5) {
            Decision decision = decide();
            assertThat(decision.kind()).as("at %d ms", t).isEqualTo(Kind.WAIT);
            now += 5 * MS;
        }
        assertThat(cushion.heldNanos()).isGreaterThan(1_300 * MS);
        run(2_000);
        assertThat(cushion.underruns()).isZero();
        assertThat(line.dropped).isZero();
        assertThat(line.gapMillis).isZero();
    }

    @Test
    void aStreamThatRanDryIsRefilledToItsPreBufferAndPlaysAgainAtOnce() {
        line.start(cushion.primeBytes());
        run(1_000);
        now += 100 * MS; // the playback thread stalled: the line ran dry; the server waits for its pre-buffer
        line.advance();
        assertThat(line.waitingForPrebuf).isTrue();

        Decision decision = decide();

        assertThat(decision.kind()).isEqualTo(Kind.REFILL);
        line.write(decision.chunks());
        assertThat(line.queued()).isGreaterThanOrEqualTo(PREBUF);
        assertThat(cushion.underruns()).isEqualTo(1);
        assertThat(cushion.cushionMillis()).isEqualTo(LineCushion.START_CUSHION_MILLIS + LineCushion.STEP_MILLIS);
        run(1_000);
        assertThat(cushion.underruns()).isEqualTo(1);
        // The stall itself and no more: a dry stream is seen within the reported queue plus the margin.
        assertThat(line.gapMillis).isLessThanOrEqualTo(100 + 20);
    }

    @Test
    void aStallLongerThanTheQueueIsCaughtRightAfterTheThreadComesBack() {
        line.start(cushion.primeBytes());
        run(1_000);
        long gapBefore = line.gapMillis;
        now += 60 * MS;
        line.advance();
        run(1_000);
        assertThat(cushion.underruns()).isEqualTo(1);
        assertThat(line.gapMillis - gapBefore).isLessThanOrEqualTo(60 + 20);
    }

    @Test
    void anEmptyQueueIsAnUnderrunAtOnce() {
        line.start(cushion.primeBytes());
        run(500);
        Decision decision = cushion.decide(BUFFER, line.played + 5 * CHUNK, now);
        assertThat(decision.kind()).isEqualTo(Kind.REFILL);
        assertThat(decision.chunks()).isEqualTo(BUFFER / CHUNK - 1);
    }

    @Test
    void anEmptyLineFoundByAWriteIsCountedAsAnUnderrun() {
        line.start(cushion.primeBytes());
        run(500);
        cushion.beforeWrite(BUFFER - CHUNK, now);
        assertThat(cushion.underruns()).isZero();
        cushion.beforeWrite(BUFFER, now);
        assertThat(cushion.underruns()).isEqualTo(1);
        assertThat(cushion.cushionMillis()).isEqualTo(LineCushion.START_CUSHION_MILLIS + LineCushion.STEP_MILLIS);
    }

    @Test
    void anEmptyLineBeforeItStartedIsNoUnderrun() {
        cushion.beforeWrite(BUFFER, now);
        assertThat(cushion.underruns()).isZero();
    }

    @Test
    void aRefilledStreamTheServerHoldsIsNotCountedAgainButIsStuckAfterThreeSeconds() {
        line.start(cushion.primeBytes());
        run(500);
        now += 100 * MS;
        line.advance();
        line.holdUntil = Long.MAX_VALUE;
        Decision refill = decide();
        assertThat(refill.kind()).isEqualTo(Kind.REFILL);
        line.write(refill.chunks());
        Decision decision = decide();
        while (decision.kind() == Kind.WAIT) {
            now += 5 * MS;
            decision = decide();
        }
        assertThat(decision.kind()).isEqualTo(Kind.STUCK);
        assertThat(cushion.underruns()).isEqualTo(1);
    }

    @Test
    void theCushionShrinksBackAfterACalmStretchButNeverBelowTheStart() {
        line.start(cushion.primeBytes());
        run(500);
        now += 100 * MS;
        line.advance();
        line.write(decide().chunks());
        int raised = cushion.cushionMillis();
        run((int) (LineCushion.CALM_NANOS / MS) + 1_000);
        assertThat(cushion.cushionMillis()).isLessThan(raised).isGreaterThanOrEqualTo(LineCushion.START_CUSHION_MILLIS);
    }

    @Test
    void aLineWhosePositionNeverMovesIsStuckAfterThreeSeconds() {
        line.start(cushion.primeBytes());
        line.holdUntil = Long.MAX_VALUE;
        Decision decision = decide();
        while (decision.kind() == Kind.WAIT || decision.kind() == Kind.WRITE) {
            assertThat(line.queued()).isLessThanOrEqualTo(cushion.primeBytes() + CHUNK);
            if (decision.kind() == Kind.WRITE) {
                line.write(decision.chunks());
            }
            now += 10 * MS;
            decision = decide();
        }
        assertThat(decision.kind()).isEqualTo(Kind.STUCK);
        assertThat(now).isBetween(1_000 * MS + LineCushion.STUCK_NANOS, 1_000 * MS + LineCushion.STUCK_NANOS + 20 * MS);
        assertThat(cushion.underruns()).isZero();
    }

    /** Plays for {@code millis} as the output's loop would, polling every ms; returns the largest queue seen. */
    private int run(int millis) {
        int maxQueued = 0;
        long end = now + millis * MS;
        while (now < end) {
            Decision decision = decide();
            switch (decision.kind()) {
                case WRITE, REFILL -> line.write(decision.chunks());
                case WAIT -> { }
                case STUCK -> throw new AssertionError("stuck at " + now / MS);
            }
            maxQueued = Math.max(maxQueued, line.queued());
            now += MS;
        }
        return maxQueued;
    }

    private Decision decide() {
        line.advance();
        return cushion.decide(line.available(), line.played, now);
    }

    /** A line through the pulse plugin, as measured. */
    private final class Line {
        long written;
        long played;
        long holdUntil;
        int availableWhileHeld = -1;
        boolean waitingForPrebuf;
        long lastAdvance;
        long gapMillis;
        long dropped;

        void start(int prime) {
            written = prime;
            lastAdvance = now;
        }

        int queued() {
            return (int) (written - played);
        }

        int available() {
            if (now < holdUntil && availableWhileHeld >= 0) {
                return availableWhileHeld;
            }
            return BUFFER - queued();
        }

        void write(int chunks) {
            for (int i = 0; i < chunks; i++) {
                if (BUFFER - queued() < CHUNK) {
                    dropped++;
                    continue;
                }
                written += CHUNK;
            }
            if (waitingForPrebuf && queued() >= PREBUF) {
                waitingForPrebuf = false;
            }
        }

        /** Moves the server's play position on to {@code now}, one period at a time. */
        void advance() {
            while (lastAdvance + 20 * MS <= now) {
                lastAdvance += 20 * MS;
                if (lastAdvance < holdUntil || waitingForPrebuf) {
                    if (waitingForPrebuf) {
                        gapMillis += 20;
                    }
                    continue;
                }
                if (queued() < PERIOD) {
                    // Ran dry: the rest plays, then the server waits for the pre-buffer.
                    gapMillis += 20 - queued() / 96;
                    played = written;
                    waitingForPrebuf = true;
                    continue;
                }
                played += PERIOD;
            }
        }
    }
}
