package dev.parley.client.core.audio.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.PcmFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NullAndPacingTest {

    private long now;
    private final List<Long> sleeps = new ArrayList<>();
    private final RealTimePacer pacer = new RealTimePacer(() -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;
    });

    @Test
    void pacerSleepsUntilEachChunkIsDue() {
        pacer.awaitNextChunk();
        now += 3_000_000;
        pacer.awaitNextChunk();
        pacer.awaitNextChunk();

        assertThat(sleeps).containsExactly(7_000_000L, 10_000_000L);
        assertThat(now).isEqualTo(2 * PcmFormat.CHUNK_NANOS);
    }

    @Test
    void pacerGivesEachChunkItsOwnLengthOfTime() {
        pacer.awaitNext(240);
        pacer.awaitNext(240);
        pacer.awaitNext(480);
        pacer.awaitNext(240);

        // a 5 ms chunk, another, then a 10 ms one before the last
        assertThat(sleeps).containsExactly(5_000_000L, 5_000_000L, 10_000_000L);
    }

    @Test
    void pacerCatchesUpWithoutSleepingWhenSlightlyLate() {
        pacer.awaitNextChunk();
        now += 35_000_000;
        pacer.awaitNextChunk();
        pacer.awaitNextChunk();
        pacer.awaitNextChunk();
        assertThat(sleeps).isEmpty();

        pacer.awaitNextChunk();
        assertThat(sleeps).containsExactly(5_000_000L);
    }

    @Test
    void pacerRestartsTheScheduleAfterAStall() {
        pacer.awaitNextChunk();
        now += 1_000_000_000;
        pacer.awaitNextChunk();
        pacer.awaitNextChunk();

        // no burst of 100 catch-up chunks: the next chunk is due 10 ms after the stall
        assertThat(sleeps).containsExactly(10_000_000L);
    }

    @Test
    @Timeout(5)
    void nullInputYieldsSilenceUntilClosed() throws Exception {
        NullAudioInput input = new NullAudioInput();
        short[] chunk = PcmFormat.newChunk();
        chunk[7] = 99;
        input.start();
        assertThat(input.read(chunk)).isTrue();
        assertThat(chunk).containsOnly((short) 0);

        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean sawEnd = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            short[] c = PcmFormat.newChunk();
            while (input.read(c)) {
                Thread.onSpinWait();
            }
            sawEnd.set(true);
            ended.countDown();
        }, "test-null-reader");
        reader.start();
        input.close();

        assertThat(ended.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(sawEnd).isTrue();
    }

    @Test
    @Timeout(5)
    void nullOutputAcceptsChunks() {
        try (NullAudioOutput output = new NullAudioOutput()) {
            output.write(PcmFormat.newChunk());
            output.write(PcmFormat.newChunk());
        }
    }
}
