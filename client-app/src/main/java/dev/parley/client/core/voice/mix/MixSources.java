package dev.parley.client.core.voice.mix;

import java.util.Collection;

/** Where the mixer finds its speakers. Implementations are thread-safe. */
public interface MixSources {

    /** A live, thread-safe view of the current speakers; iterated on the playback thread at every pull (5 or 10 ms). */
    Collection<? extends MixSource> sources();

    /** Called now and then from the playback thread to drop speakers that have gone quiet for good. */
    default void removeIdle(long nowNanos) {
    }
}
