package dev.parley.client.core.audio.dsp;

import dev.parley.client.core.audio.real.RealAudio;
import static dev.parley.client.core.audio.Signals.dbfs;
import static dev.parley.client.core.audio.Signals.rms;
import static dev.parley.client.core.audio.Signals.speech48k;
import static dev.parley.client.core.audio.Signals.whiteNoise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.Signals;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs against the real native library (needs libpulse0, as in CI). */
class AudioProcessorTest {

    private static final Logger LOG = LoggerFactory.getLogger(AudioProcessorTest.class);
    private static final int N = PcmFormat.CHUNK_SAMPLES;

    @Test
    void nativeProcessingLoadsOnThisMachine() {
        RealAudio.assumeNativeProcessing();
        try (AudioProcessor processor = AudioProcessor.create(AudioProcessingSettings.allEnabled())) {
            assertThat(processor.isNative()).isTrue();
        }
    }

    @Test
    void noiseSuppressionLowersTheLevelOfWhiteNoise() {
        RealAudio.assumeNativeProcessing();
        short[] noise = whiteNoise(48000 * 4, 1000, 1);
        short[] out;
        try (AudioProcessor processor = AudioProcessor.create(
                AudioProcessingSettings.allDisabled().withNoiseSuppression(true))) {
            out = processAll(processor, noise, null);
        }

        int lastSecond = noise.length - 48000;
        double reductionDb = dbfs(rms(noise, lastSecond, noise.length)) - dbfs(rms(out, lastSecond, out.length));
        LOG.info("noise suppression: {} dB", String.format("%.1f", reductionDb));
        assertThat(reductionDb).isGreaterThan(10);
    }

    @Test
    void echoCancellationAttenuatesPlaybackHeardByTheMicrophone() {
        RealAudio.assumeNativeProcessing();
        short[] far = Signals.concat(speech48k(), speech48k(), speech48k());
        // the microphone hears the speaker at half level, 30 ms later
        int delay = 30 * 48;
        short[] mic = new short[far.length];
        for (int i = delay; i < far.length; i++) {
            mic[i] = (short) (far[i - delay] / 2);
        }
        short[] out;
        try (AudioProcessor processor = AudioProcessor.create(
                AudioProcessingSettings.allDisabled().withEchoCancellation(true))) {
            processor.setStreamDelayMs(30);
            out = processAll(processor, mic, far);
        }

        // judge the last pass, after the canceller has converged
        int from = far.length - speech48k().length;
        double attenuationDb = dbfs(rms(mic, from, mic.length)) - dbfs(rms(out, from, out.length));
        LOG.info("echo attenuation: {} dB", String.format("%.1f", attenuationDb));
        assertThat(attenuationDb).isGreaterThan(20);
    }

    @Test
    void allStagesOffPassesSamplesThroughUnchanged() {
        RealAudio.assumeNativeProcessing();
        short[] speech = Arrays.copyOf(speech48k(), 48000);
        short[] out;
        try (AudioProcessor processor = AudioProcessor.create(AudioProcessingSettings.allDisabled())) {
            assertThat(processor.isNative()).isTrue();
            out = processAll(processor, speech, null);
        }

        assertThat(out).containsExactly(speech);
    }

    @Test
    void stagesCanBeSwitchedOffWhileRunning() {
        RealAudio.assumeNativeProcessing();
        short[] noise = whiteNoise(48000, 1000, 2);
        try (AudioProcessor processor = AudioProcessor.create(
                AudioProcessingSettings.allDisabled().withNoiseSuppression(true))) {
            processAll(processor, noise, null);
            processor.setSettings(AudioProcessingSettings.allDisabled());
            short[] out = processAll(processor, noise, null);

            assertThat(out).containsExactly(noise);
        }
    }

    @Test
    void missingNativeLibraryFallsBackToPassThrough() {
        short[] speech = Arrays.copyOf(speech48k(), 48000);
        ProcessingEngine.Factory unavailable = () -> {
            throw new UnsatisfiedLinkError("no webrtc-java in java.library.path");
        };
        try (AudioProcessor processor = AudioProcessor.create(AudioProcessingSettings.allEnabled(), unavailable)) {
            assertThat(processor.isNative()).isFalse();
            short[] out = processAll(processor, speech, speech);

            assertThat(out).containsExactly(speech);
        }
    }

    @Test
    void wrongChunkSizeIsRejectedBeforeReachingNativeCode() {
        try (AudioProcessor processor = AudioProcessor.create(AudioProcessingSettings.allEnabled())) {
            assertThatThrownBy(() -> processor.processCapture(new short[960], new short[960]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> processor.processPlayback(new short[479]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void processingAfterCloseIsAHarmlessPassThrough() {
        AudioProcessor processor = AudioProcessor.create(AudioProcessingSettings.allEnabled());
        processor.close();
        short[] chunk = Arrays.copyOf(whiteNoise(N, 1000, 3), N);
        short[] out = new short[N];

        processor.processPlayback(chunk);
        processor.processCapture(chunk, out);

        assertThat(out).containsExactly(chunk);
    }

    /** Runs whole chunks of {@code mic} through the processor, feeding {@code playback} first if given. */
    static short[] processAll(AudioProcessor processor, short[] mic, short[] playback) {
        int chunks = mic.length / N;
        short[] out = new short[chunks * N];
        short[] in = new short[N];
        short[] far = new short[N];
        short[] processed = new short[N];
        for (int c = 0; c < chunks; c++) {
            if (playback != null) {
                System.arraycopy(playback, c * N, far, 0, N);
                processor.processPlayback(far);
            }
            System.arraycopy(mic, c * N, in, 0, N);
            processor.processCapture(in, processed);
            System.arraycopy(processed, 0, out, c * N, N);
        }
        return out;
    }
}
