package dev.parley.client.core.audio.vad;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.dsp.AudioLevel;
import java.time.Duration;

/**
 * Tuning of {@link VoiceActivationGate}. The threshold is on the same dBFS scale as the RMS of
 * {@link dev.parley.client.core.audio.dsp.LevelMeter}, so the UI can draw it as a line on the level meter.
 *
 * @param openThresholdDbfs  chunk RMS needed to open the gate (together with the detector's verdict)
 * @param hysteresisDb       once open, speech keeps it open down to {@code openThresholdDbfs - hysteresisDb}
 * @param hangover           how long the gate stays open after the last voiced chunk
 * @param preRollChunks      closed-gate chunks kept and emitted on opening, so the first syllable survives
 *                           the detector's reaction time (about 70 ms for webrtc's)
 * @param minVoiceProbability detector probability a chunk needs to count as speech
 */
public record VoiceActivationSettings(double openThresholdDbfs, double hysteresisDb, Duration hangover,
                                      int preRollChunks, float minVoiceProbability) {

    public static final double DEFAULT_THRESHOLD_DBFS = -45;

    public VoiceActivationSettings {
        if (openThresholdDbfs < AudioLevel.FLOOR_DBFS || openThresholdDbfs > 0) {
            throw new IllegalArgumentException("threshold must be in [-96, 0] dBFS: " + openThresholdDbfs);
        }
        if (hysteresisDb < 0 || hysteresisDb > 40) {
            throw new IllegalArgumentException("hysteresis must be in [0, 40] dB: " + hysteresisDb);
        }
        if (hangover.isNegative() || hangover.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("hangover must be 0..5 s: " + hangover);
        }
        if (preRollChunks < 0 || preRollChunks > 50) {
            throw new IllegalArgumentException("pre-roll must be 0..50 chunks: " + preRollChunks);
        }
        if (!(minVoiceProbability >= 0 && minVoiceProbability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + minVoiceProbability);
        }
    }

    /** -45 dBFS, 6 dB hysteresis, 300 ms hangover, 100 ms pre-roll, probability 0.5. */
    public static VoiceActivationSettings defaults() {
        return new VoiceActivationSettings(DEFAULT_THRESHOLD_DBFS, 6, Duration.ofMillis(300), 10, 0.5f);
    }

    public VoiceActivationSettings withOpenThresholdDbfs(double dbfs) {
        return new VoiceActivationSettings(dbfs, hysteresisDb, hangover, preRollChunks, minVoiceProbability);
    }

    public VoiceActivationSettings withHangover(Duration duration) {
        return new VoiceActivationSettings(openThresholdDbfs, hysteresisDb, duration, preRollChunks, minVoiceProbability);
    }

    public VoiceActivationSettings withPreRollChunks(int chunks) {
        return new VoiceActivationSettings(openThresholdDbfs, hysteresisDb, hangover, chunks, minVoiceProbability);
    }

    /** RMS below which an open gate stops counting chunks as speech. */
    public double closeThresholdDbfs() {
        return openThresholdDbfs - hysteresisDb;
    }

    /** Hangover in whole chunks, rounded up. */
    public int hangoverChunks() {
        return (int) ((hangover.toNanos() + PcmFormat.CHUNK_NANOS - 1) / PcmFormat.CHUNK_NANOS);
    }
}
