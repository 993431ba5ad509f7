package dev.parley.client.core.audio.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real playback loop on a real sound server (PulseAudio null sinks, reached through the ALSA pulse
 * plugin by javax.sound in a child JVM), recorded from the speaker's monitor. javax.sound is chosen
 * explicitly: the default speaker is PulseAudio's own API where it runs ({@link PulseOutputOnRealDeviceTest}).
 */
@org.junit.jupiter.api.extension.ExtendWith(StolenCpuJudge.class)
@Timeout(120)
@Tag("real-audio")
class PlaybackOnRealDeviceTest {

    private static final int FLOOR = 300;
    /**
     * Gaps the machine may cause on its own (the playback thread kept off the CPU for longer than its
     * cushion by other processes): none on a quiet machine or with one busy loop beside the test (see
     * BENCHMARKS.md); at a load average of 15-20 on two cores, 6-16 ms gaps were seen now and then.
     */
    private static final double LOAD_GAPS_MILLIS = 30;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
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
    void aStallInThePlaybackThreadCostsNoMoreThanTheStallPlusTwentyMilliseconds() throws Exception {
        int stall = 100;
        Path wav = dir.resolve("speaker.wav");
        Process recorder = pulse.recordSpeaker(wav);
        long streamsBefore = pulse.sinkInputsCreated();
        ChildJvm child = ChildJvm.startWithOutput("javasound", pulse, dir.resolve("child.log"), PlaybackStallProgram.class,
                "6", String.valueOf(stall), "2000", "4000");
        Map<String, String> result = child.results(60);
        PulseAudioServer.stop(recorder);
        long streams = pulse.sinkInputsCreated() - streamsBefore;

        short[] heard = Recording.read(wav);
        List<Recording.Gap> gaps = Recording.gaps(heard, FLOOR);
        String what = "gaps " + gaps + ", child " + result + ", " + streams + " streams created";
        System.out.println("Stall test: " + what);
        // Everything the loop played was heard (how much it played in 6 s depends on how soon the sound
        // server started the stream, which it may hold for a second or more; nothing is lost meanwhile).
        long played = Long.parseLong(result.get("chunks"));
        assertThat(played).as(what).isGreaterThan(400);
        assertThat(Recording.signalMillis(heard, FLOOR)).as(what).isGreaterThan(played * 10 - 100.0);
        // Each stall costs at most itself plus 20 ms: the two longest gaps are the stalls'.
        List<Double> longestFirst = gaps.stream().map(Recording.Gap::millis).sorted(Comparator.reverseOrder()).toList();
        assertThat(longestFirst).as(what).allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(stall + 20.0));
        // Anything else is the machine's doing (other processes taking the CPU from the playback thread for
        // longer than the cushion); on a quiet machine there is nothing else, under load a little is allowed.
        double elsewhere = longestFirst.stream().skip(2).mapToDouble(Double::doubleValue).sum();
        assertThat(elsewhere).as(what).isLessThanOrEqualTo(LOAD_GAPS_MILLIS);
        // Opening takes up to two streams (Java Sound probes the device first); then at most one re-creation
        // per stall or underrun. Churn made a hundred a second.
        long underruns = Long.parseLong(result.get("underruns"));
        assertThat(streams).as(what).isLessThanOrEqualTo(4 + underruns);
        assertThat(underruns).as(what).isLessThanOrEqualTo(4);
        assertThat(Long.parseLong(result.get("reopens"))).as(what).isZero();
    }

    @Test
    void withoutStallsTheToneIsPlayedWholeOnOneStream() throws Exception {
        Path wav = dir.resolve("speaker.wav");
        Process recorder = pulse.recordSpeaker(wav);
        long streamsBefore = pulse.sinkInputsCreated();
        ChildJvm child = ChildJvm.startWithOutput("javasound", pulse, dir.resolve("child.log"), PlaybackStallProgram.class, "4", "0");
        Map<String, String> result = child.results(60);
        PulseAudioServer.stop(recorder);
        long streams = pulse.sinkInputsCreated() - streamsBefore;

        short[] heard = Recording.read(wav);
        List<Recording.Gap> gaps = Recording.gaps(heard, FLOOR);
        String what = "gaps " + gaps + ", child " + result + ", " + streams + " streams created";
        System.out.println("Tone test: " + what);
        // Everything the loop played was heard, in one piece. (How much it played in 4 s depends on how long
        // the JVM and the sound server took to get going, not on the loop.)
        long played = Long.parseLong(result.get("chunks"));
        assertThat(played).as(what).isGreaterThan(250);
        assertThat(Recording.signalMillis(heard, FLOOR)).as(what).isGreaterThan(played * 10 - 100.0);
        assertThat(gaps.stream().mapToDouble(Recording.Gap::millis).sum()).as(what).isLessThanOrEqualTo(LOAD_GAPS_MILLIS);
        long underruns = Long.parseLong(result.get("underruns"));
        assertThat(streams).as(what).isLessThanOrEqualTo(2 + underruns);
        assertThat(underruns).as(what).isLessThanOrEqualTo(2);
    }
}
