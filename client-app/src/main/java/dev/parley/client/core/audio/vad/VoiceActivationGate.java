package dev.parley.client.core.audio.vad;

import dev.parley.client.core.audio.PcmFormat;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Voice activation: opens when a chunk is both loud enough (RMS at or above the threshold, in dBFS) and
 * judged speech by the {@link VoiceActivityDetector}; stays open while speech continues above the lower
 * close threshold (hysteresis) and for a hangover after the last speech chunk. While closed it keeps the
 * last few chunks, so on opening the caller can emit them first ({@link #drainPreRoll}) and the first
 * syllable is not clipped.
 *
 * <p>Threading: {@link #process}, {@link #drainPreRoll} and the getters belong to the capture thread;
 * {@link #setSettings} is safe from any thread and takes effect at the next chunk.
 */
public final class VoiceActivationGate implements AutoCloseable {

    private final VoiceActivityDetector detector;
    private volatile VoiceActivationSettings settings;
    private short[][] ring = new short[0][];
    private int ringStart;
    private int ringCount;
    private boolean open;
    private boolean justOpened;
    private int chunksSinceVoiced;
    private float lastProbability;

    public VoiceActivationGate(VoiceActivityDetector detector, VoiceActivationSettings settings) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public void setSettings(VoiceActivationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public VoiceActivationSettings settings() {
        return settings;
    }

    /**
     * Judges one chunk.
     *
     * @param chunk   the processed microphone chunk (exactly 480 samples)
     * @param rmsDbfs its RMS level, as from {@link dev.parley.client.core.audio.dsp.LevelMeter#process}
     * @return whether the gate is open for this chunk (it should be transmitted)
     */
    public boolean process(short[] chunk, double rmsDbfs) {
        PcmFormat.requireChunk(chunk);
        VoiceActivationSettings s = settings;
        lastProbability = detector.voiceProbability(chunk);
        double threshold = open ? s.closeThresholdDbfs() : s.openThresholdDbfs();
        boolean voiced = lastProbability >= s.minVoiceProbability() && rmsDbfs >= threshold;
        boolean wasJustOpened = justOpened;
        justOpened = false;
        if (!open) {
            if (voiced) {
                open = true;
                justOpened = true;
                chunksSinceVoiced = 0;
            } else {
                remember(chunk, s.preRollChunks());
            }
            return open;
        }
        if (wasJustOpened) {
            // pre-roll is only offered right after opening
            ringCount = 0;
        }
        if (voiced) {
            chunksSinceVoiced = 0;
        } else if (++chunksSinceVoiced > s.hangoverChunks()) {
            open = false;
            ringCount = 0;
            remember(chunk, s.preRollChunks());
        }
        return open;
    }

    public boolean isOpen() {
        return open;
    }

    /** Whether the last {@link #process} call opened the gate, i.e. pre-roll is waiting. */
    public boolean justOpened() {
        return justOpened;
    }

    /** Detector probability of the last chunk, for display and diagnostics. */
    public float lastVoiceProbability() {
        return lastProbability;
    }

    /**
     * Hands the chunks that preceded the opening chunk to {@code sink}, oldest first, and forgets them. Only
     * meaningful right after {@link #process} returned true with {@link #justOpened()}; otherwise emits
     * nothing. The arrays are reused: copy them if you keep them.
     *
     * @return how many chunks were emitted
     */
    public int drainPreRoll(Consumer<short[]> sink) {
        if (!justOpened) {
            return 0;
        }
        int emitted = ringCount;
        for (int i = 0; i < ringCount; i++) {
            sink.accept(ring[(ringStart + i) % ring.length]);
        }
        ringCount = 0;
        return emitted;
    }

    @Override
    public void close() {
        detector.close();
    }

    private void remember(short[] chunk, int capacity) {
        if (capacity == 0) {
            ringCount = 0;
            return;
        }
        if (ring.length != capacity) {
            // settings changed: start a fresh ring (rare, so the allocation is fine)
            ring = new short[capacity][PcmFormat.CHUNK_SAMPLES];
            ringStart = 0;
            ringCount = 0;
        }
        int slot = (ringStart + ringCount) % capacity;
        System.arraycopy(chunk, 0, ring[slot], 0, PcmFormat.CHUNK_SAMPLES);
        if (ringCount < capacity) {
            ringCount++;
        } else {
            ringStart = (ringStart + 1) % capacity;
        }
    }
}
