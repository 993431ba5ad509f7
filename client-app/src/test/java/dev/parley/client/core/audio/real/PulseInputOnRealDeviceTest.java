package dev.parley.client.core.audio.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.WavFileOutput;
import dev.parley.client.core.audio.pulse.PulseInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture through PulseAudio's own API ({@link PulseInput}, the default microphone where a server runs) on a real
 * sound server: what is played into the virtual microphone is read by the engine's way of opening the default
 * input, chunk by chunk, on one record stream, and compared with what went in — by waveform (a straight copy
 * through the server scores about 1; chopped capture far lower). A stall of the reader costs no more than the
 * reader was really away; the server going away is recovered from once it is back.
 */
@org.junit.jupiter.api.extension.ExtendWith(StolenCpuJudge.class)
@Timeout(120)
@Tag("real-audio")
class PulseInputOnRealDeviceTest {

    /** A straight copy scores about 1; 4 ms of silence before every 10 ms chunk scored 0.37. */
    private static final double SAME_WAVEFORM = 0.9;
    private static final int TONE_FLOOR = 300;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private PulseAudioServer pulse;

    @BeforeEach
    void startSoundServer() throws Exception {
        RealAudio.assumeMachineNotOversubscribed();
        pulse = PulseAudioServer.start(dir);
    }

    @AfterEach
    void stopSoundServer() throws Exception {
        if (pulse != null) {
            pulse.close();
        }
    }

    @Test
    void speechPlayedIntoTheMicrophoneIsCapturedIntactOnOneStreamAtTheDevicePace() throws Exception {
        Path speech = Path.of(getClass().getResource("/audio/speech-48k.wav").toURI());
        Path wav = dir.resolve("captured.wav");
        long streamsBefore = pulse.sourceOutputsCreated();
        ChildJvm child = ChildJvm.start(pulse, dir.resolve("child.log"), PulseCaptureProgram.class, "8", wav.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> child.output().contains("READY"));
        Process player = pulse.playIntoMicrophone(speech);
        assertThat(player.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<String, String> result = child.results(60);
        long streams = pulse.sourceOutputsCreated() - streamsBefore;

        double score = Recording.speechScore(Recording.read(speech), Recording.read(wav));
        long chunks = Long.parseLong(result.get("chunks"));
        long elapsed = Long.parseLong(result.get("elapsedMs"));
        String what = "score " + score + ", " + streams + " record streams, child " + result + "; " + log(child);
        System.out.println("PulseInput speech test: " + what);
        assertThat(result.get("device")).as(what).isEqualTo(PulseInput.DESCRIPTION);
        assertThat(score).as(what).isGreaterThan(SAME_WAVEFORM);
        // One record stream for the whole capture: no re-creation churn.
        assertThat(streams).as(what).isEqualTo(1);
        assertThat(Long.parseLong(result.get("reopens"))).as(what).isZero();
        // Paced by the device: 10 ms chunks at the device's rate, neither faster (a timer) nor slower (lost audio);
        // what a reader kept off the CPU too long discarded (counted) still took its time. Allowance: the last
        // chunk's wait, and a reader held off the CPU at the end (CI saw 95-170 ms).
        long discarded = Long.parseLong(result.get("discardedMs"));
        assertThat((double) (chunks - 1) * PcmFormat.CHUNK_MILLIS + discarded).as(what)
                .isBetween(elapsed - 200.0, elapsed + 200.0);
    }

    /**
     * Two 100 ms stalls of the reader (injected before its read): what piled up meanwhile is read in a burst,
     * so the recording of a continuous tone has no gap longer than the reader was away, and where the machine
     * added little of its own (the longest turn within the backlog PulseInput keeps) none at all.
     */
    @Test
    void aStallOfTheReaderCostsNoMoreThanTheStall() throws Exception {
        int stall = 100;
        Path tone = dir.resolve("tone.wav");
        writeTone(tone, 7);
        Path wav = dir.resolve("captured.wav");
        long streamsBefore = pulse.sourceOutputsCreated();
        ChildJvm child = ChildJvm.start(pulse, dir.resolve("child.log"), PulseCaptureProgram.class, "7", wav.toString(),
                String.valueOf(stall), "2500", "4500");
        await().atMost(Duration.ofSeconds(60)).until(() -> child.output().contains("READY"));
        Process player = pulse.playIntoMicrophone(tone);
        Map<String, String> result = child.results(60);
        player.destroy();
        long streams = pulse.sourceOutputsCreated() - streamsBefore;

        short[] heard = Recording.read(wav);
        List<Recording.Gap> gaps = Recording.gaps(heard, TONE_FLOOR);
        long longestTurn = Long.parseLong(result.get("longestTurnMs"));
        long discarded = Long.parseLong(result.get("discardedMs"));
        String what = "gaps " + gaps + ", " + streams + " record streams, child " + result + "; " + log(child);
        System.out.println("PulseInput stall test: " + what);
        assertThat(Long.parseLong(result.get("chunks"))).as(what).isGreaterThan(400);
        assertThat(longestTurn).as(what).isGreaterThanOrEqualTo(stall);
        assertThat(gaps).as(what).allSatisfy(gap -> assertThat(gap.millis()).isLessThanOrEqualTo(longestTurn + 10.0));
        assertThat(discarded).as(what).isLessThanOrEqualTo(2 * longestTurn);
        if (longestTurn + PulseInput.FRAGMENT_MILLIS * 2 <= 150) {
            // The reader was never further behind than the kept backlog: the stalls cost nothing at all.
            assertThat(gaps).as(what).isEmpty();
            assertThat(discarded).as(what).isZero();
        }
        assertThat(streams).as(what).isEqualTo(1);
        assertThat(Long.parseLong(result.get("reopens"))).as(what).isZero();
        assertThat(Long.parseLong(result.get("overflows"))).as(what).isZero();
    }

    /**
     * The sound server goes away mid-capture and comes back: the reader says so, keeps trying, and captures again
     * from the new server on a new stream (counted as a re-open) — no hang, no silent death.
     */
    @Test
    void whenTheServerGoesAwayAndComesBackCaptureResumesAndSaysSo() throws Exception {
        Path tone = dir.resolve("tone.wav");
        writeTone(tone, 3);
        Path wav = dir.resolve("captured.wav");
        ChildJvm child = ChildJvm.start(pulse, dir.resolve("child.log"), PulseCaptureProgram.class, "14", wav.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> child.output().contains("READY"));
        pulse.close();
        pulse = null;
        await().atMost(Duration.ofSeconds(10)).until(() -> child.output().contains("PulseAudio microphone stream failed")
                || child.output().contains("No PulseAudio microphone"));
        pulse = PulseAudioServer.start(dir);
        await().atMost(Duration.ofSeconds(20)).until(() -> child.output().contains("PulseAudio microphone stream opened again"));
        Process player = pulse.playIntoMicrophone(tone);
        Map<String, String> result = child.results(60);
        player.destroy();

        short[] heard = Recording.read(wav);
        String what = "child " + result + "; " + log(child);
        System.out.println("PulseInput server-restart test: " + what + ", tone captured "
                + Recording.signalMillis(heard, TONE_FLOOR) + " ms");
        assertThat(result.get("device")).as(what).isEqualTo(PulseInput.DESCRIPTION);
        assertThat(Long.parseLong(result.get("reopens"))).as(what).isGreaterThanOrEqualTo(1);
        // The tone played into the new server was captured (most of it: the child may end before it does).
        assertThat(Recording.signalMillis(heard, TONE_FLOOR)).as(what).isGreaterThan(1000.0);
    }

    private static String log(ChildJvm child) throws java.io.IOException {
        return child.output().lines().filter(line -> line.contains("PulseAudio") || line.contains("Microphone"))
                .limit(20).toList().toString();
    }

    /** A continuous 440 Hz tone at amplitude 8000 (its zero crossings are far shorter than a gap). */
    private static void writeTone(Path file, int seconds) {
        try (WavFileOutput out = WavFileOutput.create(file)) {
            short[] chunk = PcmFormat.newChunk();
            long sample = 0;
            for (int c = 0; c < seconds * 100; c++) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * sample++ / 48_000.0));
                }
                out.write(chunk);
            }
        }
    }
}
