package dev.parley.client.core.voice.mix;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mixes all current speakers into one chunk (a pull of 5 or 10 ms): per-speaker volume (0..200%) and local mute,
 * deafen, and soft clipping instead of wrap-around. Tracks who is talking and tells a listener.
 * The mixed chunk is exactly what the speaker plays, so it doubles as the echo canceller's reverse stream.
 * <p>
 * {@link #mix} is confined to the playback thread; volume, mute, deafen, {@link #isTalking} and
 * {@link #talkingSpeakers} are thread-safe.
 */
public final class Mixer {

    /** The longest chunk mixed at once: 10 ms, 480 samples. */
    public static final int CHUNK_SAMPLES = 480;
    /** The chunk a playback loop that keeps its own time mixes: 5 ms (see {@code PlaybackLoop}). */
    public static final int SHORT_CHUNK_SAMPLES = CHUNK_SAMPLES / 2;
    public static final int MAX_VOLUME_PERCENT = 200;
    /** How often idle speakers are cleared out: once a second of mixed audio. */
    private static final int HOUSEKEEPING_SAMPLES = 48_000;

    private record SpeakerMix(int volumePercent, boolean muted) {
        static final SpeakerMix DEFAULT = new SpeakerMix(100, false);
    }

    private final MixSources sources;
    private final Map<Integer, SpeakerMix> controls = new ConcurrentHashMap<>();
    private final int[] sum = new int[CHUNK_SAMPLES];
    /** One speaker's part of the chunk; as long as the chunks asked for (sources read a whole one). */
    private short[] scratch = new short[CHUNK_SAMPLES];
    private final Map<Integer, Boolean> talking = new HashMap<>();
    private final Set<Integer> seenThisTick = new HashSet<>();
    private volatile Set<Integer> talkingSnapshot = Set.of();
    private volatile boolean deafened;
    private volatile TalkingListener talkingListener = (speakerId, isTalking) -> { };
    private long samplesSinceHousekeeping;

    public Mixer(MixSources sources) {
        this.sources = sources;
    }

    /**
     * Mixes the slot starting at {@code nowNanos} into {@code out} (240 or 480 samples: 5 or 10 ms; a playback
     * loop keeps one length). Every speaker is read even when muted or deafened so jitter buffers keep pace and
     * "is talking" stays right.
     */
    public void mix(short[] out, long nowNanos) {
        int n = out.length;
        if (n != CHUNK_SAMPLES && n != SHORT_CHUNK_SAMPLES) {
            throw new IllegalArgumentException("mix chunk must be " + SHORT_CHUNK_SAMPLES + " or " + CHUNK_SAMPLES
                    + " samples, was " + n);
        }
        if (scratch.length != n) {
            scratch = new short[n];
        }
        Arrays.fill(sum, 0, n, 0);
        boolean talkingChanged = false;
        seenThisTick.clear();
        for (MixSource source : sources.sources()) {
            int speakerId = source.speakerId();
            boolean audible = source.read(scratch, nowNanos);
            seenThisTick.add(speakerId);
            talkingChanged |= updateTalking(speakerId, audible || source.isTalking());
            SpeakerMix control = controls.getOrDefault(speakerId, SpeakerMix.DEFAULT);
            if (audible && !control.muted() && control.volumePercent() > 0) {
                addScaled(scratch, control.volumePercent());
            }
        }
        talkingChanged |= forgetDeparted();
        if (deafened) {
            Arrays.fill(out, (short) 0);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = SoftClipper.clip(sum[i]);
            }
        }
        if (talkingChanged) {
            publishTalking();
        }
        samplesSinceHousekeeping += n;
        if (samplesSinceHousekeeping >= HOUSEKEEPING_SAMPLES) {
            samplesSinceHousekeeping = 0;
            sources.removeIdle(nowNanos);
        }
    }

    /** Sets a speaker's playback volume in percent, 0..200; 100 is unchanged. */
    /** Whether any speaker is being mixed (someone talks, or has in the last moments); thread-safe. */
    public boolean hasSpeakers() {
        return !sources.sources().isEmpty();
    }

    public void setVolume(int speakerId, int volumePercent) {
        if (volumePercent < 0 || volumePercent > MAX_VOLUME_PERCENT) {
            throw new IllegalArgumentException("volume must be in [0, 200] percent, was " + volumePercent);
        }
        controls.compute(speakerId, (id, old) ->
                new SpeakerMix(volumePercent, old != null && old.muted()));
    }

    public int volume(int speakerId) {
        return controls.getOrDefault(speakerId, SpeakerMix.DEFAULT).volumePercent();
    }

    /** Mutes a speaker for this listener only; the speaker still shows as talking. */
    public void setMuted(int speakerId, boolean muted) {
        controls.compute(speakerId, (id, old) ->
                new SpeakerMix(old == null ? 100 : old.volumePercent(), muted));
    }

    public boolean isMuted(int speakerId) {
        return controls.getOrDefault(speakerId, SpeakerMix.DEFAULT).muted();
    }

    /** Deafened: the output is silence, but speakers are still followed so un-deafening is instant. */
    public void setDeafened(boolean deafened) {
        this.deafened = deafened;
    }

    public boolean isDeafened() {
        return deafened;
    }

    public boolean isTalking(int speakerId) {
        return talkingSnapshot.contains(speakerId);
    }

    /** The speakers talking as of the last mixed chunk; an immutable snapshot. */
    public Set<Integer> talkingSpeakers() {
        return talkingSnapshot;
    }

    public void setTalkingListener(TalkingListener listener) {
        this.talkingListener = listener == null ? (speakerId, isTalking) -> { } : listener;
    }

    private void addScaled(short[] chunk, int volumePercent) {
        if (volumePercent == 100) {
            for (int i = 0; i < chunk.length; i++) {
                sum[i] += chunk[i];
            }
        } else {
            for (int i = 0; i < chunk.length; i++) {
                sum[i] += chunk[i] * volumePercent / 100;
            }
        }
    }

    private boolean updateTalking(int speakerId, boolean nowTalking) {
        Boolean before = talking.put(speakerId, nowTalking);
        if (before == null ? nowTalking : before != nowTalking) {
            talkingListener.talkingChanged(speakerId, nowTalking);
            return true;
        }
        return false;
    }

    private boolean forgetDeparted() {
        if (talking.size() == seenThisTick.size()) {
            return false;
        }
        boolean changed = false;
        var it = talking.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            if (!seenThisTick.contains(entry.getKey())) {
                it.remove();
                if (entry.getValue()) {
                    talkingListener.talkingChanged(entry.getKey(), false);
                    changed = true;
                }
            }
        }
        return changed;
    }

    private void publishTalking() {
        Set<Integer> now = new HashSet<>();
        talking.forEach((id, isTalking) -> {
            if (isTalking) {
                now.add(id);
            }
        });
        talkingSnapshot = Set.copyOf(now);
    }
}
