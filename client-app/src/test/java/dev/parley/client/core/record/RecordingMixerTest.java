package dev.parley.client.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.voice.TestSignals;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingMixerTest {
    private static final int RATE = 48_000;

    @TempDir
    Path dir;

    @Test
    void theMixHoldsEachSpeakerWhereTheySpokeAndLastsAsLongAsTheTracks() throws IOException {
        // ann: a 1 kHz tone for the first half second; bob: a 300 Hz tone from 1.0 to 1.5 s. 1.6 s each.
        short[] ann = new short[RATE * 8 / 5];
        System.arraycopy(TestSignals.sine(RATE / 2, 1_000, 8_000), 0, ann, 0, RATE / 2);
        short[] bob = new short[RATE * 8 / 5];
        System.arraycopy(TestSignals.sine(RATE / 2, 300, 8_000), 0, bob, RATE, RATE / 2);
        Path annTrack = track("ann-1.opus", ann);
        Path bobTrack = track("bob-2.opus", bob);

        Path mix = RecordingMixer.mix(List.of(annTrack, bobTrack), dir.resolve(RecordingMixer.MIX_FILE));

        short[] heard = DecodedRecording.pcm(OggOpusReader.read(mix));
        assertThat(heard.length).as("within a frame of the tracks' length")
                .isBetween(ann.length - OggOpusWriter.PRE_SKIP - 960, ann.length + 960);
        assertThat(TestSignals.rms(heard, RATE / 10, RATE / 4)).as("ann speaks").isGreaterThan(3_000);
        assertThat(crossingsPerSecond(heard, RATE / 10, RATE / 4)).as("at 1 kHz").isBetween(1_800.0, 2_200.0);
        assertThat(TestSignals.rms(heard, RATE * 6 / 10, RATE / 4)).as("nobody speaks").isLessThan(100);
        assertThat(TestSignals.rms(heard, RATE * 11 / 10, RATE / 4)).as("bob speaks").isGreaterThan(3_000);
        assertThat(crossingsPerSecond(heard, RATE * 11 / 10, RATE / 4)).as("at 300 Hz").isBetween(500.0, 700.0);
        assertThat(Files.exists(dir.resolve(RecordingMixer.MIX_FILE + ".part"))).isFalse();
    }

    @Test
    void loudVoicesTogetherAreLimitedInsteadOfWrappingAround() {
        assertThat(RecordingMixer.softLimit(1_000)).isEqualTo((short) 1_000);
        assertThat(RecordingMixer.softLimit(60_000)).isBetween((short) 16_383, Short.MAX_VALUE);
        assertThat(RecordingMixer.softLimit(-60_000)).isBetween(Short.MIN_VALUE, (short) -16_383);
        assertThat(RecordingMixer.softLimit(40_000)).isLessThan(RecordingMixer.softLimit(60_000));
    }

    private Path track(String name, short[] pcm) throws IOException {
        Path file = dir.resolve(name);
        try (OggOpusWriter writer = new OggOpusWriter(new BufferedOutputStream(Files.newOutputStream(file)), 1, name)) {
            for (byte[] packet : OggOpusFilesTest.encode(pcm)) {
                writer.write(packet);
            }
        }
        return file;
    }

    private static double crossingsPerSecond(short[] pcm, int from, int length) {
        int crossings = 0;
        for (int i = from + 1; i < from + length; i++) {
            if ((pcm[i - 1] < 0) != (pcm[i] < 0)) {
                crossings++;
            }
        }
        return crossings * (double) RATE / length;
    }
}
