package dev.parley.client.core.voice;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.capture.CapturePipeline;
import dev.parley.client.core.audio.capture.TransmitGate;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.dsp.AudioProcessor;
import dev.parley.client.core.audio.dsp.LevelMeter;
import dev.parley.client.core.audio.vad.VoiceActivationGate;
import dev.parley.client.core.audio.vad.VoiceActivityDetectors;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.TransmitEncoder;
import dev.parley.client.core.voice.codec.VoiceDecoder;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the capture path once on generated audio, through throw-away stages built like the real ones,
 * before the first microphone line starts. Why: the encoder is Java (Concentus) and a cold JVM runs it
 * interpreted; measured under two busy loops, the first 50 captured chunks (500 ms of audio) took
 * 330–600 ms to process, single chunks up to 100 ms (class loading, native set-up of the processing), so
 * capture fell behind from its first second and the listener's jitter buffer then time-compressed that
 * delay out of the speech. Warmed here, the same code runs compiled when the microphone opens.
 *
 * <p>Once per JVM (the compiled code is shared by every later capture). Runs on the calling thread, which
 * should be the capture thread before its line starts.
 */
final class CaptureWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureWarmUp.class);
    /** 1.5 s of audio; the per-chunk cost had settled after about 150 chunks in the measurement above. */
    static final int CHUNKS = 150;
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private CaptureWarmUp() {
    }

    /** Warms the path for {@code settings} unless a capture in this JVM already did. */
    static void once(VoiceSettings settings) {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        VoiceDecoder decoder = new VoiceDecoder();
        short[] decoded = new short[OpusSettings.MAX_FRAME_SAMPLES];
        TransmitEncoder encoder = new TransmitEncoder(settings.opus(), 0);
        try (AudioProcessor processor = AudioProcessor.create(settings.processing());
             VoiceActivationGate activation = new VoiceActivationGate(VoiceActivityDetectors.createDefault(),
                     settings.activation())) {
            CapturePipeline pipeline = new CapturePipeline(new GeneratedSpeechLikeInput(), processor,
                    new LevelMeter(level -> { }), activation, new TransmitGate(TransmitMode.ALWAYS_ON),
                    new CapturePipeline.Sink() {
                        @Override
                        public void transmit(short[] chunk) {
                            encoder.push(chunk, true).ifPresent(frame -> decoder.decode(frame.payload(), decoded));
                        }

                        @Override
                        public void endOfTalkSpurt() {
                            // nothing is sent
                        }
                    });
            pipeline.run();
        } catch (RuntimeException | LinkageError e) {
            // Only a head start: a failure here changes nothing the real capture would not meet itself.
            LOG.debug("Capture warm-up failed: {}", e.toString());
        }
        LOG.debug("Capture path warmed up in {} ms", (System.nanoTime() - start) / 1_000_000L);
    }

    /** {@link #CHUNKS} chunks of {@link SpeechLikeSignal}. */
    private static final class GeneratedSpeechLikeInput implements AudioInput {
        private final SpeechLikeSignal signal = new SpeechLikeSignal(19);
        private int chunks;

        @Override
        public void start() {
            // nothing to start
        }

        @Override
        public boolean read(short[] chunk) {
            if (chunks++ >= CHUNKS) {
                return false;
            }
            signal.next(chunk);
            return true;
        }

        @Override
        public String description() {
            return "capture warm-up";
        }

        @Override
        public void close() {
            // nothing to close
        }
    }
}
