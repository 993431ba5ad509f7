package dev.parley.client.core.audio.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Speech through real devices: played with {@code paplay} into the virtual microphone, captured by
 * javax.sound, through the voice engine, played by the default speaker backend (PulseAudio's own API,
 * {@code PulseOutput}, since a server runs; javax.sound with {@code -Dparley.audio.output=javasound}) into
 * the virtual speaker and recorded
 * from its monitor with {@code parecord}; compared by waveform with what went in. Stream churn or chopped
 * playback keeps the envelope but wrecks the waveform (measured on the old code: 0.045 for the mic test).
 */
@org.junit.jupiter.api.extension.ExtendWith(StolenCpuJudge.class)
@Timeout(180)
@Tag("real-audio")
class SpeechOnRealDevicesTest {

    /**
     * Median per-100 ms-window waveform correlation ({@link Recording#windowedWaveformCorrelation}): a copy
     * scores 1.0; the speech with 4 ms of silence before every 10 ms chunk (stream churn) 0.37; runs
     * through the real devices scored 0.5-0.7 (the jitter buffer's drops in speech cost the most).
     */
    static final double SAME_WAVEFORM = 0.45;
    /**
     * Through the room the jitter buffer's drops inside speech (overflow, catch-up) break more windows;
     * runs scored 0.42-0.51 on a machine at load 20-30. This bound only rejects garbage: stream churn is
     * caught by counting the streams.
     */
    static final double SAME_WAVEFORM_THROUGH_ROOM = 0.3;

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
    void theMicTestPlaysTheMicrophoneBackIntactOnOneStream() throws Exception {
        Map<String, String> result = speakThrough(SAME_WAVEFORM, MicTestProgram.class, "12");
        assertThat(Long.parseLong(result.get("decoded"))).isGreaterThan(200);
    }

    @Test
    void speechFromOneEnginesMicrophoneComesOutOfTheOtherEnginesSpeakerThroughTheRoom() throws Exception {
        Map<String, String> result = speakThrough(SAME_WAVEFORM_THROUGH_ROOM, TwoEnginesProgram.class, "12",
                dir.resolve("room").toString());
        assertThat(result.get("speakers")).contains("decoded");
    }

    private Map<String, String> speakThrough(double sameWaveform, Class<?> program, String... args) throws Exception {
        Path speech = Path.of(getClass().getResource("/audio/speech-48k.wav").toURI());
        Path wav = dir.resolve("speaker.wav");
        Process recorder = pulse.recordSpeaker(wav);
        long streamsBefore = pulse.sinkInputsCreated();
        ChildJvm child = ChildJvm.start(pulse, dir.resolve("child.log"), program, args);
        await().atMost(Duration.ofSeconds(60)).until(() -> child.output().contains("READY"));
        Process player = pulse.playIntoMicrophone(speech);
        assertThat(player.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<String, String> result = child.results(90);
        PulseAudioServer.stop(recorder);
        long streams = pulse.sinkInputsCreated() - streamsBefore;

        short[] reference = Recording.read(speech);
        short[] heard = Recording.read(wav);
        double match = Recording.speechScore(reference, heard);
        String what = String.format("median waveform correlation %.3f, %d streams created, child %s, log %s",
                match, streams, result, Files.readString(dir.resolve("child.log")).lines()
                        .filter(line -> line.contains("WARN") || line.contains("behind")).limit(30).toList());
        System.out.println(program.getSimpleName() + ": " + what);
        assertThat(match).as(what).isGreaterThan(sameWaveform);
        // paplay's own stream, two for opening the speaker (Java Sound probes the device first), and at most
        // two per underrun (the plugin re-creates its stream after an xrun). Churn made a hundred a second.
        long underruns = Long.parseLong(result.get("underruns"));
        assertThat(underruns).as(what).isLessThanOrEqualTo(6);
        assertThat(streams).as(what).isLessThanOrEqualTo(3 + 2 * underruns);
        assertThat(Long.parseLong(result.get("reopens"))).as(what).isZero();
        return result;
    }
}
