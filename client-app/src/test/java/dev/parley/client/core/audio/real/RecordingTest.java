package dev.parley.client.core.audio.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The waveform score the real-audio tests judge speech by, on signals whose answer is known: it must
 * give a copy full marks wherever the copy sits in the recording, and fail speech chopped the way stream
 * churn chops it. Pure computation, no devices: runs everywhere.
 */
class RecordingTest {

    private static short[] speech() throws Exception {
        return Recording.read(Path.of(RecordingTest.class.getResource("/audio/speech-48k.wav").toURI()));
    }

    /** The speech at {@code delayMillis} into a recording of quiet noise, as a recorder that started earlier holds it. */
    private static short[] recorded(short[] speech, int delayMillis) {
        short[] recording = new short[speech.length + 48 * (delayMillis + 2_000)];
        java.util.Random noise = new java.util.Random(7);
        for (int i = 0; i < recording.length; i++) {
            recording[i] = (short) (noise.nextGaussian() * 20);
        }
        for (int i = 0; i < speech.length; i++) {
            recording[48 * delayMillis + i] += speech[i];
        }
        return recording;
    }

    @Test
    void aCopyScoresFullMarksWhateverItsDelay() throws Exception {
        short[] speech = speech();
        for (int delay : new int[] {0, 137, 996, 2_500}) {
            // Failed before the alignment fix: 0.71 for every delay (the copy sat 3 ms outside the lag search).
            assertThat(Recording.speechScore(speech, recorded(speech, delay))).as("delay %d ms", delay).isGreaterThan(0.99);
        }
    }

    @Test
    void speechChoppedLikeStreamChurnFailsTheThreshold() throws Exception {
        short[] speech = speech();
        // 4 ms of silence before every 10 ms chunk: what a stream re-created 100 times a second sounds like.
        short[] chopped = new short[speech.length * 14 / 10 + 480];
        int n = 0;
        for (int i = 0; i + 480 <= speech.length; i += 480) {
            n += 192;
            System.arraycopy(speech, i, chopped, n, 480);
            n += 480;
        }
        double score = Recording.speechScore(speech, recorded(Arrays.copyOf(chopped, n), 500));
        assertThat(score).isLessThan(SpeechOnRealDevicesTest.SAME_WAVEFORM);
    }
}
