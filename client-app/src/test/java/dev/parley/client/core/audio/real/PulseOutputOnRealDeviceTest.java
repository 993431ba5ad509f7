package dev.parley.client.core.audio.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.pulse.PulseOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playback through PulseAudio's own API ({@link PulseOutput}, the default speaker where a server runs) on a
 * real sound server: speech played by the real playback loop comes out of the virtual speaker intact —
 * compared by waveform, which chopped or churned playback fails — on one stream that is really PulseOutput's
 * (the server names its client). Its stream buffer starts at 20 ms and grows on the server's underflow
 * reports, so a run on a busy machine may start with a gap or two; the score allows for that (a gap costs
 * a few 100 ms windows of 30), chopped playback does not pass (0.37).
 */
@org.junit.jupiter.api.extension.ExtendWith(StolenCpuJudge.class)
@Timeout(120)
@Tag("real-audio")
class PulseOutputOnRealDeviceTest {

    /** A straight copy scores about 1; chopped playback (4 ms gaps every 10 ms) scored 0.37. */
    private static final double SAME_WAVEFORM = 0.9;

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
    void speechPlayedThroughPulseAudioComesOutIntactOnOneStream() throws Exception {
        Path speech = Path.of(getClass().getResource("/audio/speech-48k.wav").toURI());
        Path wav = dir.resolve("speaker.wav");
        Process recorder = pulse.recordSpeaker(wav);
        long streamsBefore = pulse.sinkInputsCreated();
        ChildJvm child = ChildJvm.start(pulse, dir.resolve("child.log"), PulseSpeechProgram.class, speech.toString());
        Map<String, String> result = child.results(60);
        PulseAudioServer.stop(recorder);
        long streams = pulse.sinkInputsCreated() - streamsBefore;

        short[] reference = Recording.read(speech);
        short[] heard = Recording.read(wav);
        // Lined up by the first loud sample: how soon the child JVM gets going (over 3 s at load 24) is not the output's doing.
        double score = Recording.speechScore(reference, heard);
        String what = "score " + score + ", child " + result + ", " + streams + " streams created; "
                + Files.readString(dir.resolve("child.log"));
        System.out.println("PulseOutput speech test: score " + score + ", " + result + ", streams " + streams + "; "
                + Files.readString(dir.resolve("child.log")).lines().filter(line -> line.contains("PulseAudio")).toList());
        assertThat(result.get("device")).as(what).isEqualTo(PulseOutput.DESCRIPTION);
        assertThat(Long.parseLong(result.get("fileChunks"))).as(what).isGreaterThan(100);
        assertThat(score).as(what).isGreaterThan(SAME_WAVEFORM);
        // One stream for the whole file: no re-creation churn.
        assertThat(streams).as(what).isEqualTo(1);
        assertThat(Long.parseLong(result.get("reopens"))).as(what).isZero();
    }

    /** What {@code parley doctor} says about the speaker where a server runs: PulseAudio, really opened. */
    @Test
    void theDoctorSaysTheSpeakerPlaysThroughPulseAudio() throws Exception {
        ChildJvm child = ChildJvm.startWithOutput(null, pulse, dir.resolve("doctor.log"),
                dev.parley.client.cli.DoctorCommand.class, "--data", dir.resolve("data").toString());
        child.results(60);
        assertThat(child.output()).contains("Speaker output (-Dparley.audio.output=auto): PulseAudio (adaptive stream buffer, "
                + PulseOutput.START_MILLIS + " ms to start)");
        // And the microphone: javax.sound unless PulseInput is asked for (it is opt-in).
        assertThat(child.output()).contains("Microphone input (-Dparley.audio.input=javasound): javax.sound");
    }

    /**
     * Two 100 ms stalls of the playback thread (2 s apart, with the stream settled): the server reports each
     * underrun, PulseOutput counts it and grows its buffer, and each costs no more than the stall plus 20 ms
     * of audio (the gap is the stall less what was queued; the refill is written at once, not waited for).
     */
    @Test
    void aStallIsCountedGrowsTheBufferAndCostsNoMoreThanTheStallPlusTwentyMilliseconds() throws Exception {
        int stall = 100;
        Path wav = dir.resolve("stall.wav");
        Process recorder = pulse.recordSpeaker(wav);
        long streamsBefore = pulse.sinkInputsCreated();
        ChildJvm child = ChildJvm.startWithOutput(null, pulse, dir.resolve("stall.log"), PlaybackStallProgram.class,
                "6", String.valueOf(stall), "2000", "4000");
        Map<String, String> result = child.results(60);
        PulseAudioServer.stop(recorder);
        long streams = pulse.sinkInputsCreated() - streamsBefore;

        short[] heard = Recording.read(wav);
        java.util.List<Recording.Gap> gaps = Recording.gaps(heard, 300);
        String what = "gaps " + gaps + ", child " + result + ", " + streams + " streams created; "
                + child.output().lines().filter(line -> line.contains("PulseAudio")).toList();
        System.out.println("PulseOutput stall test: " + what);
        long played = Long.parseLong(result.get("chunks"));
        assertThat(played).as(what).isGreaterThan(400);
        assertThat(Recording.signalMillis(heard, 300)).as(what).isGreaterThan(played * 10 - 2 * stall - 100.0);
        assertThat(gaps).as(what).allSatisfy(gap -> assertThat(gap.millis()).isLessThanOrEqualTo(stall + 20.0));
        long underruns = Long.parseLong(result.get("underruns"));
        assertThat(underruns).as(what).isBetween(2L, 6L);
        assertThat(Integer.parseInt(result.get("cushion"))).as(what).isGreaterThan(PulseOutput.START_MILLIS);
        // One stream throughout: growing the buffer changes it in place.
        assertThat(streams).as(what).isEqualTo(1);
        assertThat(Long.parseLong(result.get("reopens"))).as(what).isZero();
    }
}
