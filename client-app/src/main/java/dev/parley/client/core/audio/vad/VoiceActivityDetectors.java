package dev.parley.client.core.audio.vad;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the best available {@link VoiceActivityDetector}. Thread-safe (stateless apart from a log-once flag). */
public final class VoiceActivityDetectors {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceActivityDetectors.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private VoiceActivityDetectors() {
    }

    /** webrtc's detector, or the pure-Java {@link EnergyVoiceActivityDetector} if native code is unavailable. */
    public static VoiceActivityDetector createDefault() {
        return createPreferring(WebRtcVoiceActivityDetector::new);
    }

    static VoiceActivityDetector createPreferring(Supplier<VoiceActivityDetector> preferred) {
        try {
            return preferred.get();
        } catch (LinkageError | RuntimeException e) {
            // native code is optional by design: fall back rather than lose voice activation
            if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                LOG.warn("webrtc voice activity detection unavailable, using the energy detector: {}", e.toString());
            }
            return new EnergyVoiceActivityDetector();
        }
    }
}
