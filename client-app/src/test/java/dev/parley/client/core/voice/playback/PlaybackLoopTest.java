package dev.parley.client.core.voice.playback;

import static dev.parley.client.core.voice.TestPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.voice.MonotonicClock;
import dev.parley.client.core.voice.TestSignals;
import dev.parley.client.core.voice.mix.Mixer;
import dev.parley.client.core.voice.receive.VoiceReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PlaybackLoopTest {

    private final VoiceReceiver receiver = new VoiceReceiver();
    private final Mixer mixer = new Mixer(receiver);
    private final List<short[]> played = new CopyOnWriteArrayList<>();
    private final List<short[]> echo = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void writesMixedSpeechToTheSinkInFiveMillisecondPullsAndTheEchoReferenceInTenMillisecondChunks() {
        MonotonicClock clock = MonotonicClock.system();
        try (PlaybackLoop loop = new PlaybackLoop(mixer, c -> played.add(c.clone()), c -> echo.add(c.clone()), clock)) {
            loop.start();
            long start = clock.nanoTime();
            for (int i = 0; i < 10; i++) {
                receiver.offer(1, frame(i, i == 9), start);
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> played.stream()
                    .anyMatch(chunk -> TestSignals.rms(chunk, 0, chunk.length) > 1_000));
            await().atMost(Duration.ofSeconds(5)).until(() -> !echo.isEmpty());
        }

        assertThat(played).allMatch(chunk -> chunk.length == Mixer.SHORT_CHUNK_SAMPLES);
        assertThat(echo).allMatch(chunk -> chunk.length == Mixer.CHUNK_SAMPLES);
        int n = Math.min(played.size() / 2, echo.size());
        for (int i = 0; i < n; i++) {
            short[] both = java.util.Arrays.copyOf(played.get(2 * i), Mixer.CHUNK_SAMPLES);
            System.arraycopy(played.get(2 * i + 1), 0, both, Mixer.SHORT_CHUNK_SAMPLES, Mixer.SHORT_CHUNK_SAMPLES);
            assertThat(echo.get(i)).as("echo chunk %d: the two pulls played", i).isEqualTo(both);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void closeStopsTheNamedThread() {
        PlaybackLoop loop = new PlaybackLoop(mixer, c -> played.add(c.clone()));
        loop.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> played.size() >= 3);
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("parley-playback"));

        loop.close();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("parley-playback"));
        int after = played.size();
        assertThat(loop.chunksPlayed()).as("10 ms chunks: two 5 ms pulls each").isEqualTo(after / 2);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void withoutSpeakersTheLoopSleepsUntilSomeoneSpeaks() {
        MonotonicClock clock = MonotonicClock.system();
        try (PlaybackLoop loop = new PlaybackLoop(mixer, new NullAudioOutput(), c -> echo.add(c.clone()), clock)) {
            receiver.setNewSpeakerListener(loop::speakerArrived);
            loop.start();
            await().atMost(Duration.ofSeconds(5)).until(loop::asleep);
            long wokenBefore = loop.idleWaits();
            assertThat(loop.chunksPlayed()).as("nothing mixed while nobody speaks").isZero();

            long start = clock.nanoTime();
            for (int i = 0; i < 10; i++) {
                receiver.offer(1, frame(i, i == 9), start);
            }

            // The loop's own look comes only every 5 s: speech within 3 s means the first packet woke it.
            await().atMost(Duration.ofSeconds(3)).until(() -> echo.stream()
                    .anyMatch(chunk -> TestSignals.rms(chunk, 0, chunk.length) > 1_000));
            assertThat(loop.idleWaits()).as("one sleep, ended by the speaker").isEqualTo(wokenBefore + 1);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFailingSinkDoesNotStopPlayback() {
        int[] calls = {0};
        try (PlaybackLoop loop = new PlaybackLoop(mixer, c -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("device hiccup");
            }
            played.add(c.clone());
        })) {
            loop.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> played.size() >= 3);
        }
    }
}
