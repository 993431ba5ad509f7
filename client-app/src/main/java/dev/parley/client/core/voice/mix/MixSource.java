package dev.parley.client.core.voice.mix;

/** One speaker's decoded audio as the mixer reads it; {@link #read} is called only on the playback thread. */
public interface MixSource {

    int speakerId();

    /**
     * Fills {@code chunk} (5 or 10 ms: a playback loop keeps one length; read it from {@code chunk.length}) with
     * this source's audio for the slot starting at {@code nowNanos}.
     *
     * @return true if the chunk carries audio, false if it is silence (zeros)
     */
    boolean read(short[] chunk, long nowNanos);

    /** Whether the speaker is in a talk spurt; safe from any thread. */
    boolean isTalking();
}
