package dev.parley.client.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.voice.codec.OpusSettings;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CodecWarmUpTest {

    private static final int CHUNKS = 1000; // 10 s

    @Test
    void theWarmUpSignalHasLoudSyllablesAndQuietPausesWithoutClipping() {
        SpeechLikeSignal signal = new SpeechLikeSignal(23);
        short[] chunk = PcmFormat.newChunk();
        int loud = 0;
        int quiet = 0;
        int clipped = 0;
        for (int i = 0; i < CHUNKS; i++) {
            signal.next(chunk);
            double rms = rms(chunk);
            loud += rms > 1_000 ? 1 : 0; // above -30 dBFS: talking
            quiet += rms < 10 ? 1 : 0; // below -70 dBFS: a pause
            for (short s : chunk) {
                clipped += Math.abs(s) >= Short.MAX_VALUE ? 1 : 0;
            }
        }
        assertThat(loud).as("talking chunks of %d", CHUNKS).isBetween(CHUNKS / 3, CHUNKS * 9 / 10);
        assertThat(quiet).as("pause chunks of %d", CHUNKS).isBetween(CHUNKS / 20, CHUNKS / 2);
        assertThat(clipped).isZero();
    }

    @Test
    void theWarmUpSignalHasVoicedStretchesWithAPitchAndUnvoicedHiss() {
        SpeechLikeSignal signal = new SpeechLikeSignal(23);
        short[] chunk = PcmFormat.newChunk();
        short[] window = new short[2 * chunk.length];
        int voiced = 0;
        int unvoiced = 0;
        for (int i = 0; i < CHUNKS; i++) {
            System.arraycopy(window, chunk.length, window, 0, chunk.length);
            signal.next(chunk);
            System.arraycopy(chunk, 0, window, chunk.length, chunk.length);
            if (i == 0 || rms(window) < 300) {
                continue;
            }
            double periodicity = bestPitchCorrelation(window);
            voiced += periodicity > 0.7 ? 1 : 0;
            unvoiced += periodicity < 0.3 ? 1 : 0;
        }
        assertThat(voiced).as("20 ms windows with a clear 90-230 Hz pitch").isGreaterThan(CHUNKS / 4);
        assertThat(unvoiced).as("20 ms windows of hiss").isGreaterThan(CHUNKS / 50);
    }

    @Test
    void everyFrameIsEncodedAndDecodedWithSomeConcealedAndRecovered() {
        OpusSettings twentyMillis = OpusSettings.defaults().withFrameMillis(20);

        long samples = CodecWarmUp.run(twentyMillis, 100);

        // 100 decoded frames, and frames 25, 26, 75 and 76 each also concealed or FEC-recovered once.
        assertThat(samples).isEqualTo(104L * twentyMillis.frameSamples());
    }

    @Test
    void startsOneBackgroundThreadPerJvmThatFinishes() throws InterruptedException {
        Optional<Thread> first = CodecWarmUp.startOnce(OpusSettings.defaults());
        Optional<Thread> second = CodecWarmUp.startOnce(OpusSettings.defaults().withFrameMillis(20));

        assertThat(first).isPresent();
        assertThat(second).containsSame(first.get());
        assertThat(first.get().isDaemon()).isTrue();
        first.get().join(TimeUnit.MINUTES.toMillis(2));
        assertThat(first.get().isAlive()).as("still warming up after 2 minutes").isFalse();
    }

    @Test
    void isOffWhenThePropertySaysSo() {
        String before = System.getProperty(CodecWarmUp.ENABLED_PROPERTY);
        System.setProperty(CodecWarmUp.ENABLED_PROPERTY, "false");
        try {
            assertThat(CodecWarmUp.startOnce(OpusSettings.defaults())).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(CodecWarmUp.ENABLED_PROPERTY);
            } else {
                System.setProperty(CodecWarmUp.ENABLED_PROPERTY, before);
            }
        }
    }

    private static double rms(short[] samples) {
        return TestSignals.rms(samples, 0, samples.length);
    }

    /** The highest normalised autocorrelation at a lag of one pitch period between 90 and 230 Hz. */
    private static double bestPitchCorrelation(short[] window) {
        double best = 0;
        for (int lag = PcmFormat.SAMPLE_RATE / 230; lag <= PcmFormat.SAMPLE_RATE / 90; lag++) {
            best = Math.max(best, TestSignals.correlation(window, 0, window, lag, window.length - lag));
        }
        return best;
    }
}
