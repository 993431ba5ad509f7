package dev.parley.client.core.audio.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.device.LineCushion.Decision.Kind;
import org.junit.jupiter.api.Test;

/** The pacing decisions on a simulated 100 ms line at 48 kHz mono 16-bit (96 bytes per ms). */
class LineCushionTest {

    private static final int BUFFER = 9_600;
    private static final int CHUNK = 960;
    private static final long MS = 1_000_000L;

    private long now = 1_000 * MS;
    private final LineCushion cushion = new LineCushion(BUFFER, CHUNK, 96_000, now);

    @Test
    void startsPrimedWithTheCushionSoTheFirstWriteDoesNotUnderrun() {
        assertThat(cushion.primeBytes()).isEqualTo(LineCushion.START_CUSHION_MILLIS * 96);
    }

    @Test
    void waitsWhileMoreThanTheCushionIsQueuedAndAsksForOneChunkWhenItPlayedDown() {
        written(BUFFER - 40 * 96);
        LineCushion.Decision full = cushion.decide(BUFFER - 40 * 96, now);
        assertThat(full.kind()).isEqualTo(Kind.WAIT);
        assertThat(full.waitNanos()).isBetween(500_000L, 10 * MS);

        now += 10 * MS;
        LineCushion.Decision due = cushion.decide(BUFFER - 30 * 96, now);
        assertThat(due.kind()).isEqualTo(Kind.WRITE);
        assertThat(due.chunks()).isEqualTo(1);
        assertThat(cushion.underruns()).isZero();
    }

    @Test
    void anXrunLooksLikeAFullLineButIsRecognisedByTheTimeSinceTheLastWriteAndRefilled() {
        written(BUFFER - 30 * 96);
        now += 150 * MS; // the playback thread stalled; Java Sound reports available() == 0 after the xrun

        LineCushion.Decision decision = cushion.decide(0, now);

        assertThat(decision.kind()).isEqualTo(Kind.REFILL);
        assertThat(decision.chunks()).isEqualTo(BUFFER / CHUNK - 1);
        assertThat(cushion.underruns()).isEqualTo(1);
        assertThat(cushion.cushionMillis()).isEqualTo(LineCushion.START_CUSHION_MILLIS + LineCushion.STEP_MILLIS);
    }

    @Test
    void aReallyFullLineRightAfterARefillIsNotAnUnderrun() {
        written(CHUNK / 2); // nearly full
        now += 5 * MS;
        assertThat(cushion.decide(0, now).kind()).isEqualTo(Kind.WAIT);
        assertThat(cushion.underruns()).isZero();
    }

    @Test
    void aGapTheSoundServerBridgedIsCountedWithoutARefill() {
        written(BUFFER - 30 * 96);
        now += 80 * MS; // 50 ms longer than what was queued, but the stream lived on
        LineCushion.Decision decision = cushion.decide(BUFFER - CHUNK, now);
        assertThat(decision.kind()).isEqualTo(Kind.WRITE);
        assertThat(cushion.underruns()).isEqualTo(1);
    }

    @Test
    void theCushionShrinksBackAfterACalmStretchButNeverBelowTheStart() {
        written(BUFFER - 30 * 96);
        now += 150 * MS;
        cushion.decide(0, now);
        int raised = cushion.cushionMillis();
        written(BUFFER - 40 * 96);
        now += LineCushion.CALM_NANOS + MS;
        cushion.written(BUFFER - 40 * 96, now);
        cushion.decide(BUFFER - 40 * 96, now);
        assertThat(cushion.cushionMillis()).isLessThan(raised).isGreaterThanOrEqualTo(LineCushion.START_CUSHION_MILLIS);
    }

    @Test
    void aLineThatTakesNothingForLongerThanASoundServerMayWaitIsStuck() {
        written(BUFFER - 60 * 96);
        LineCushion.Decision decision = null;
        for (int i = 0; i < LineCushion.STUCK_NANOS / (10 * MS) + 10 && (decision == null || decision.kind() != Kind.STUCK); i++) {
            now += 10 * MS;
            decision = cushion.decide(BUFFER - 60 * 96, now);
        }
        assertThat(decision.kind()).isEqualTo(Kind.STUCK);
        assertThat(now).isLessThanOrEqualTo(1_000 * MS + LineCushion.STUCK_NANOS + 20 * MS);
    }

    private void written(int availableAfter) {
        cushion.written(availableAfter, now);
    }
}
