package dev.parley.client.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.Signals;
import dev.parley.client.core.voice.MonotonicClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playing a recorded track: a real Ogg Opus file (1 s of a 1 kHz tone, then 1 s of silence, through the
 * voice encoder and the recorder's writer) played at real time into memory. The tone must come out where
 * it was, after a seek as well as from the start, and a pause must stop the output.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordingPlaybackTest {
    /** 100 packets of 20 ms, less the pre-skip. */
    static final long DURATION = 100 * ToneRecording.FRAME - OggOpusWriter.PRE_SKIP;
    /** Where the tone may end around its true end: Opus smears an edge over a few ms. */
    static final int EDGE_TOLERANCE = 5 * 48;

    @TempDir
    Path dir;
    private final MemoryOutput output = new MemoryOutput();
    private final List<RecordingPlayback.Progress> heard = new CopyOnWriteArrayList<>();
    private RecordingPlayback playback;

    @BeforeEach
    void open() throws IOException {
        Path file = ToneRecording.write(dir.resolve("ann-1.opus"), 1.0, 1.0);
        playback = new RecordingPlayback(OggOpusReader.read(file), output, MonotonicClock.system());
        playback.onProgress(heard::add);
    }

    @AfterEach
    void close() {
        playback.close();
    }

    private boolean ended() {
        return !heard.isEmpty() && heard.get(heard.size() - 1).ended();
    }

    private static int chunksOf(long samples) {
        return (int) ((samples + 479) / 480 * 480);
    }

    @Test
    void playsTheWholeFileAtRealTimeWithTheToneWhereItWas() {
        assertThat(playback.duration()).isEqualTo(Duration.ofNanos(DURATION * 1_000_000_000L / 48_000));
        long started = System.nanoTime();

        playback.play();
        await().atMost(Duration.ofSeconds(20)).until(this::ended);

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        short[] played = output.samples();
        assertThat(played).hasSize(chunksOf(DURATION));
        assertThat(tookMillis).as("paced at real time, not as fast as it decodes").isGreaterThan(1_800);
        assertThat(playback.position()).isEqualTo(playback.duration());
        assertThat(playback.isPlaying()).isFalse();
        // The tone is there, at its pitch, in its second; then silence.
        assertThat(Signals.rms(played, 4_800, 43_200)).isGreaterThan(5_000);
        assertThat(Signals.zeroCrossingFrequency(played, 4_800, 43_200, 48_000)).isBetween(990.0, 1_010.0);
        assertThat(Signals.rms(played, 52_800, played.length)).isLessThan(50);
        assertThat(ToneRecording.toneEnd(played)).isBetween(48_000 - EDGE_TOLERANCE, 48_000 + EDGE_TOLERANCE);
    }

    @Test
    void aSeekToTheMiddlePlaysFromThere() {
        playback.seek(Duration.ofMillis(500));
        assertThat(playback.position()).isEqualTo(Duration.ofMillis(500));

        playback.play();
        await().atMost(Duration.ofSeconds(20)).until(this::ended);

        short[] played = output.samples();
        assertThat(played).hasSize(chunksOf(DURATION - 24_000));
        // Half a second of the tone was left: the edge is half a second in.
        assertThat(ToneRecording.toneEnd(played)).isBetween(24_000 - EDGE_TOLERANCE, 24_000 + EDGE_TOLERANCE);
        assertThat(Signals.rms(played, 0, 19_200)).isGreaterThan(5_000);
    }

    @Test
    void aSeekWhilePlayingGoesBackAndPlaysOn() {
        playback.play();
        await().atMost(Duration.ofSeconds(10)).until(() -> playback.position().toMillis() >= 1_300);

        playback.seek(Duration.ofMillis(750));
        await().atMost(Duration.ofSeconds(20)).until(this::ended);

        // Tone, silence, then the tone's last quarter second again, then silence to the end.
        List<int[]> tones = loudStretches(output.samples());
        assertThat(tones).hasSize(2);
        assertThat(tones.get(0)[1]).isBetween(48_000 - EDGE_TOLERANCE, 48_000 + EDGE_TOLERANCE);
        int again = tones.get(1)[1] - tones.get(1)[0];
        assertThat(again).isBetween(12_000 - 2 * EDGE_TOLERANCE, 12_000 + 2 * EDGE_TOLERANCE);
    }

    @Test
    void pauseStopsTheOutputAndPlayGoesOnWhereItStopped() {
        playback.play();
        await().atMost(Duration.ofSeconds(10)).until(() -> playback.position().toMillis() >= 300);

        playback.pause();
        assertThat(playback.isPlaying()).isFalse();
        // A chunk already on its way may still land; after that, nothing more.
        await().atMost(Duration.ofSeconds(2)).until(() -> output.length() == playback.progress().positionSamples());
        int stopped = output.length();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> output.length() == stopped);
        assertThat(stopped).isLessThan(48_000);
        assertThat(heard.get(heard.size() - 1).playing()).isFalse();

        playback.play();
        await().atMost(Duration.ofSeconds(20)).until(this::ended);

        short[] played = output.samples();
        assertThat(played).hasSize(chunksOf(DURATION));
        assertThat(ToneRecording.toneEnd(played)).isBetween(48_000 - EDGE_TOLERANCE, 48_000 + EDGE_TOLERANCE);
    }

    @Test
    void playAfterTheEndStartsOverAndCloseClosesTheOutput() {
        playback.seek(Duration.ofMillis(1_900));
        playback.play();
        await().atMost(Duration.ofSeconds(10)).until(this::ended);
        int first = output.length();

        playback.play();
        await().atMost(Duration.ofSeconds(10)).until(() -> output.length() > first + 48_000);
        playback.close();

        assertThat(output.closed()).isTrue();
        assertThat(playback.isPlaying()).isFalse();
    }

    @Test
    void theQuickDurationAgreesWithReadingTheWholeFile() throws IOException {
        Path file = dir.resolve("ann-1.opus");
        assertThat(OggOpusDuration.samples(file)).isEqualTo(OggOpusReader.read(file).durationSamples())
                .isEqualTo(DURATION);
    }

    /** [start, end) of each stretch louder than the tone's quarter, in 10 ms windows. */
    static List<int[]> loudStretches(short[] played) {
        List<int[]> stretches = new ArrayList<>();
        int start = -1;
        for (int at = 0; at + 480 <= played.length; at += 480) {
            boolean loud = Signals.rms(played, at, at + 480) > 3_000;
            if (loud && start < 0) {
                start = at;
            } else if (!loud && start >= 0) {
                stretches.add(new int[] {start, ToneRecording.toneEnd(java.util.Arrays.copyOf(played, at))});
                start = -1;
            }
        }
        if (start >= 0) {
            stretches.add(new int[] {start, played.length});
        }
        return stretches;
    }
}
