package dev.parley.client.core.audio.dsp;

import dev.parley.client.core.audio.PcmFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Echo cancellation, noise suppression, automatic gain control and high-pass filtering of the microphone
 * signal, by webrtc-java's native audio processing. Stages can be switched at run time.
 *
 * <p>If the native library cannot be loaded (missing libpulse0, unsupported OS) the processor becomes a
 * pass-through and says why once in the log: voice keeps working, unprocessed.
 *
 * <p>Threading: {@link #processCapture} belongs to the capture thread, {@link #processPlayback} to the
 * playback thread (the two may run concurrently); {@link #setSettings}, {@link #setStreamDelayMs} and
 * {@link #close} are safe from any thread.
 */
public final class AudioProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AudioProcessor.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private final ProcessingEngine engine;
    private final Object captureLock = new Object();
    private final Object playbackLock = new Object();
    private final byte[] captureIn = new byte[PcmFormat.CHUNK_BYTES];
    private final byte[] captureOut = new byte[PcmFormat.CHUNK_BYTES];
    private final byte[] playbackIn = new byte[PcmFormat.CHUNK_BYTES];
    private final byte[] playbackOut = new byte[PcmFormat.CHUNK_BYTES];
    private volatile AudioProcessingSettings settings;
    private volatile int streamDelayMs;
    private AudioProcessingSettings applied;
    private boolean closed;

    private AudioProcessor(ProcessingEngine engine, AudioProcessingSettings settings) {
        this.engine = engine;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A processor on webrtc-java, or a logged pass-through if the native library is unavailable. */
    public static AudioProcessor create(AudioProcessingSettings settings) {
        return create(settings, WebRtcProcessingEngine::new);
    }

    static AudioProcessor create(AudioProcessingSettings settings, ProcessingEngine.Factory factory) {
        try {
            return new AudioProcessor(factory.create(), settings);
        } catch (LinkageError | RuntimeException e) {
            // native code is optional by design: any failure to load it means "process nothing"
            if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                LOG.warn("Voice processing unavailable, audio passes through unprocessed: {}", rootMessage(e));
            }
            return new AudioProcessor(null, settings);
        }
    }

    /** Whether native processing is active; false means every stage is a pass-through. */
    public boolean isNative() {
        return engine != null;
    }

    public AudioProcessingSettings settings() {
        return settings;
    }

    /** Takes effect at the next captured chunk. */
    public void setSettings(AudioProcessingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Hint for the echo canceller: delay between a chunk passing {@link #processPlayback} and its echo reaching
     * {@link #processCapture}. The canceller also estimates delay itself; takes effect at the next chunk.
     */
    public void setStreamDelayMs(int delayMs) {
        if (delayMs < 0 || delayMs > 500) {
            throw new IllegalArgumentException("stream delay must be 0..500 ms: " + delayMs);
        }
        this.streamDelayMs = delayMs;
    }

    /**
     * Processes one captured chunk from {@code in} into {@code out} (both exactly
     * {@link PcmFormat#CHUNK_SAMPLES} long; they may be the same array).
     */
    public void processCapture(short[] in, short[] out) {
        PcmFormat.requireChunk(in);
        PcmFormat.requireChunk(out);
        AudioProcessingSettings wanted = settings;
        synchronized (captureLock) {
            if (engine == null || closed || !wanted.anyEnabled()) {
                // the native code leaves dst untouched when nothing is enabled, so copy ourselves
                copy(in, out);
                return;
            }
            if (!wanted.equals(applied)) {
                engine.apply(wanted);
                applied = wanted;
                LOG.debug("Applied voice processing settings {}", wanted);
            }
            // webrtc wants the delay set before every capture call that uses echo cancellation
            engine.setStreamDelayMs(streamDelayMs);
            toBytes(in, captureIn);
            if (engine.processCapture(captureIn, captureOut)) {
                fromBytes(captureOut, out);
            } else {
                LOG.debug("Native processing rejected a chunk; passing it through");
                copy(in, out);
            }
        }
    }

    /**
     * Feeds one chunk that is about to be played (exactly {@link PcmFormat#CHUNK_SAMPLES} long) as the echo
     * reference. Cheap no-op unless echo cancellation is on.
     */
    public void processPlayback(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        if (engine == null || !settings.echoCancellation()) {
            return;
        }
        synchronized (playbackLock) {
            if (closed) {
                return;
            }
            toBytes(chunk, playbackIn);
            engine.processPlayback(playbackIn, playbackOut);
        }
    }

    @Override
    public void close() {
        synchronized (captureLock) {
            synchronized (playbackLock) {
                if (closed) {
                    return;
                }
                closed = true;
                if (engine != null) {
                    engine.close();
                }
            }
        }
    }

    private static void copy(short[] in, short[] out) {
        if (in != out) {
            System.arraycopy(in, 0, out, 0, PcmFormat.CHUNK_SAMPLES);
        }
    }

    private static void toBytes(short[] samples, byte[] bytes) {
        for (int i = 0, b = 0; i < PcmFormat.CHUNK_SAMPLES; i++) {
            short s = samples[i];
            bytes[b++] = (byte) s;
            bytes[b++] = (byte) (s >> 8);
        }
    }

    private static void fromBytes(byte[] bytes, short[] samples) {
        for (int i = 0, b = 0; i < PcmFormat.CHUNK_SAMPLES; i++, b += 2) {
            samples[i] = (short) ((bytes[b] & 0xff) | (bytes[b + 1] << 8));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? e.toString() : e + " (cause: " + t + ")";
    }
}
