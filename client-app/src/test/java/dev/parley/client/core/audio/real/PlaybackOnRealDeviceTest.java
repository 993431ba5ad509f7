package dev.parley.client.core.audio.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
 * plugin by javax.sound in a child JVM), recorded from the speaker's monitor.
 */
@Timeout(120)
@Tag("real-audio")
class PlaybackOnRealDeviceTest {

    private static final int FLOOR = 300;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;
    private PulseAudioServer pulse;

    @BeforeEach
    void startSoundServer() throws Exception {
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
        ChildJvm child = ChildJvm.start(pulse, dir.resolve("child.log"), PlaybackStallProgram.class,
                "6", String.valueOf(stall), "2000", "4000");
        Map<String, String> result = child.results(60);
        PulseAudioServer.stop(recorder);
        long streams = pulse.sinkInputsCreated() - streamsBefore;

        short[] heard = Recording.read(wav);
        List<Recording.Gap> gaps = Recording.gaps(heard, FLOOR);
        String what = "gaps " + gaps + ", child " + result + ", " + streams + " streams created";
        assertThat(Recording.signalMillis(heard, FLOOR)).as(what).isGreaterThan(5_000);
        assertThat(gaps).as(what).allSatisfy(gap -> assertThat(gap.millis()).isLessThanOrEqualTo(stall + 20));
        assertThat(gaps.stream().mapToDouble(Recording.Gap::millis).sum()).as(what).isLessThanOrEqualTo(2 * (stall + 20));
        // Opening takes up to two streams (Java Sound probes the device first); then at most one re-creation
        // per stall. Churn made a hundred a second.
        assertThat(streams).as(what).isLessThanOrEqualTo(4);
        assertThat(Long.parseLong(result.get("underruns"))).as(what).isBetween(1L, 2L);
        assertThat(Long.parseLong(result.get("reopens"))).as(what).isZero();
    }

    @Test
    void withoutStallsTheToneIsPlayedWithoutAGapOnOneStream() throws Exception {
        Path wav = dir.resolve("speaker.wav");
        Process recorder = pulse.recordSpeaker(wav);
        long streamsBefore = pulse.sinkInputsCreated();
        ChildJvm child = ChildJvm.start(pulse, dir.resolve("child.log"), PlaybackStallProgram.class, "4", "0");
        Map<String, String> result = child.results(60);
        PulseAudioServer.stop(recorder);
        long streams = pulse.sinkInputsCreated() - streamsBefore;

        short[] heard = Recording.read(wav);
        List<Recording.Gap> gaps = Recording.gaps(heard, FLOOR);
        String what = "gaps " + gaps + ", child " + result + ", " + streams + " streams created";
        assertThat(Recording.signalMillis(heard, FLOOR)).as(what).isGreaterThan(3_500);
        assertThat(gaps).as(what).isEmpty();
        assertThat(streams).as(what).isLessThanOrEqualTo(2);
        assertThat(Long.parseLong(result.get("underruns"))).as(what).isZero();
    }
}
