package dev.parley.client.core.audio.vad;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.dsp.AudioLevel;

/**
 * Pure-Java fallback detector: loudness above a tracked noise floor, discounted for noise-like signals.
 * Cruder than {@link WebRtcVoiceActivityDetector} but needs no native code.
 *
 * <p>The noise floor follows quiet stretches down at once and creeps up at 3 dB/s, so steady noise is
 * learnt within seconds while speech (which pauses often) is not. A high zero-crossing rate marks
 * hiss-like chunks (white noise crosses zero about every other sample, voiced speech rarely), which caps
 * their probability below one half.
 *
 * <p>Not thread-safe: confined to the capture thread.
 */
public final class EnergyVoiceActivityDetector implements VoiceActivityDetector {

    private static final double INITIAL_FLOOR_DBFS = -70;
    private static final double MIN_FLOOR_DBFS = -90;
    private static final double FLOOR_RISE_DB_PER_CHUNK = 3.0 * PcmFormat.CHUNK_MILLIS / 1000;
    private static final double SNR_START_DB = 6;
    private static final double SNR_FULL_DB = 18;
    private static final double ABSOLUTE_SILENCE_DBFS = -80;
    private static final double VOICED_ZCR = 0.15;
    private static final double NOISY_ZCR = 0.35;

    private double noiseFloorDbfs = INITIAL_FLOOR_DBFS;

    @Override
    public float voiceProbability(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        double levelDbfs = AudioLevel.of(chunk, 0, chunk.length).rmsDbfs();
        if (levelDbfs < noiseFloorDbfs) {
            noiseFloorDbfs = Math.max(MIN_FLOOR_DBFS, levelDbfs);
        } else {
            noiseFloorDbfs += Math.min(levelDbfs - noiseFloorDbfs, FLOOR_RISE_DB_PER_CHUNK);
        }
        if (levelDbfs < ABSOLUTE_SILENCE_DBFS) {
            return 0f;
        }
        double snrScore = clamp((levelDbfs - noiseFloorDbfs - SNR_START_DB) / (SNR_FULL_DB - SNR_START_DB));
        double voicedness = clamp((NOISY_ZCR - zeroCrossingRate(chunk)) / (NOISY_ZCR - VOICED_ZCR));
        return (float) (snrScore * (0.4 + 0.6 * voicedness));
    }

    /** Current noise floor estimate in dBFS. */
    public double noiseFloorDbfs() {
        return noiseFloorDbfs;
    }

    @Override
    public String name() {
        return "energy";
    }

    @Override
    public void close() {
        // no resources
    }

    private static double zeroCrossingRate(short[] chunk) {
        int crossings = 0;
        for (int i = 1; i < chunk.length; i++) {
            if ((chunk[i - 1] < 0) != (chunk[i] < 0)) {
                crossings++;
            }
        }
        return (double) crossings / (chunk.length - 1);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
