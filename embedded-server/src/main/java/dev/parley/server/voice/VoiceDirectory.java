package dev.parley.server.voice;

import dev.parley.protocol.voice.VoiceKey;
import java.util.Collection;
import java.util.Optional;

/**
 * What the relay needs to know about the room; implemented by the control plane. Thread-safe: the
 * relay calls it from its I/O thread for every datagram, so answers must be quick and never block
 * (read from concurrent maps, no database).
 */
public interface VoiceDirectory {

    /** The voice key of a session that has voice enabled, or empty. A new key resets the session's relay state. */
    Optional<VoiceKey> keyFor(int sessionId);

    /**
     * Sessions that should hear this speaker's audio to {@code target} right now: for target 0 the
     * speaker's channel (not deafened), for 1..30 whoever the speaker's whisper target of that number
     * reaches (empty when none is registered); empty if the speaker may not speak (muted, no speak
     * permission). May include the speaker, whom the relay skips, so that implementations can return a
     * shared snapshot without copying.
     */
    Collection<Integer> listenersOf(int speakerSessionId, int target);

    /**
     * Whether the speaker's channel is end-to-end encrypted, so that its talk to the channel must come
     * sealed by the speaker (a client that does not know yet, moved there a moment ago, must not be heard
     * in clear). Quick and allocation-free.
     */
    default boolean channelIsSealed(int speakerSessionId) {
        return false;
    }
}
