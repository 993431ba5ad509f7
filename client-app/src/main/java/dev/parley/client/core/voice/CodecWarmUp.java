package dev.parley.client.core.voice;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.TransmitEncoder;
import dev.parley.client.core.voice.codec.VoiceDecoder;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the Opus codec compiled before a call needs it: once per JVM, a background thread encodes and
 * decodes {@link #FRAMES} frames of {@link SpeechLikeSignal} (a minute of audio with 20 ms frames).
 * Why: the codec is Java (Concentus), and HotSpot compiles a method fully only after thousands of calls.
 * A call encodes 50–100 frames a second, so in a fresh JVM the encoder's big methods (CELT and SILK
 * analysis, pitch search) were still being compiled 20–30 s into the first call; until then each frame
 * took a varying few milliseconds, which a listener measures as 3–4 ms of jitter and answers with a
 * larger buffer (with 20 ms frames, 2–3 ms more mouth-to-ear delay for the first half minute; see
 * docs/BENCHMARKS.md). The capture thread's own short warm-up ({@link CaptureWarmUp}) only gets the
 * first chunks past the interpreter.
 *
 * <p>At minimum priority and bounded (a few seconds of one core on a cold JVM), concurrent with
 * whatever the engine does meanwhile. {@code -Dparley.voice.codecWarmUp=false} turns it off, to
 * measure a cold JVM.
 */
final class CodecWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(CodecWarmUp.class);
    /** The top-level encode was compiled by the C2 compiler after about 2,500 calls in a traced run. */
    static final int FRAMES = 3000;
    static final String ENABLED_PROPERTY = "parley.voice.codecWarmUp";
    private static final AtomicReference<Thread> STARTED = new AtomicReference<>();

    private CodecWarmUp() {
    }

    /**
     * Starts the warm-up for {@code settings}' frame length unless this JVM already did (or it is turned
     * off); returns at once.
     *
     * @return the warm-up's thread, the same one on every call; empty when turned off
     */
    static Optional<Thread> startOnce(OpusSettings settings) {
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) {
            return Optional.empty();
        }
        Thread thread = new Thread(() -> run(settings, FRAMES), "parley-codec-warm-up");
        if (!STARTED.compareAndSet(null, thread)) {
            return Optional.of(STARTED.get());
        }
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return Optional.of(thread);
    }

    /**
     * Encodes {@code frames} frames of speech-like audio and decodes them again, with a concealed and a
     * FEC-recovered frame now and then (the loss paths compile too).
     *
     * @return the samples decoded, concealed or recovered
     */
    static long run(OpusSettings settings, int frames) {
        long start = System.nanoTime();
        long samples = 0;
        try {
            SpeechLikeSignal signal = new SpeechLikeSignal(23);
            TransmitEncoder encoder = new TransmitEncoder(settings, 0);
            VoiceDecoder decoder = new VoiceDecoder(settings.frameSamples());
            short[] chunk = PcmFormat.newChunk();
            short[] decoded = new short[OpusSettings.MAX_FRAME_SAMPLES];
            int encoded = 0;
            while (encoded < frames) {
                signal.next(chunk);
                Optional<EncodedFrame> frame = encoder.push(chunk, true);
                if (frame.isEmpty()) {
                    continue;
                }
                byte[] payload = frame.get().payload();
                if (encoded % 50 == 25) {
                    samples += decoder.conceal(decoded);
                } else if (encoded % 50 == 26) {
                    samples += decoder.decodeFec(payload, decoded);
                }
                samples += decoder.decode(payload, decoded);
                encoded++;
            }
            LOG.debug("Opus codec warmed up: {} frames of {} ms in {} ms", frames, settings.frameMillis(),
                    (System.nanoTime() - start) / 1_000_000L);
        } catch (RuntimeException | LinkageError e) {
            // Only a head start: a failure here changes nothing a call would not meet itself.
            LOG.debug("Opus codec warm-up failed: {}", e.toString());
        }
        return samples;
    }
}
