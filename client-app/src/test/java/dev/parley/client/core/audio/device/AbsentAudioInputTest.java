package dev.parley.client.core.audio.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.PcmFormat;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AbsentAudioInputTest {

    @Test
    void aCaptureThreadWithoutAMicrophoneSleepsUntilClosedThenSeesTheEnd() {
        AbsentAudioInput input = new AbsentAudioInput();
        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(() -> {
            reader.set(Thread.currentThread());
            input.start();
            return input.read(new short[PcmFormat.CHUNK_SAMPLES]);
        });

        // Parked, not spinning or pacing silence: the thread waits and has produced nothing.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> reader.get() != null && reader.get().getState() == Thread.State.WAITING);
        assertThat(read).isNotDone();

        input.close();

        assertThat(read).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(false);
        assertThat(input.read(new short[PcmFormat.CHUNK_SAMPLES])).isFalse();
    }
}
