package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.voice.AudioFrame;
import java.util.List;

/**
 * Setting up voice. The control connection hands out the per-session key that encrypts voice
 * packets; the packets themselves travel over UDP (or tunnelled as binary WebSocket frames).
 */
public final class Voice {
    private Voice() {
    }

    /** Asks for voice: the reply carries the key and where to send packets. */
    public record Start() implements Request {
    }

    /**
     * Voice is ready. {@code sessionId} names this client in voice packets; {@code key} is the
     * base64 AES-128 key for this session (never reuse it across sessions); {@code udpPort} is the
     * relay's port on the server's host.
     */
    public record Ready(int sessionId, String key, int udpPort) implements Reply {
        public Ready {
            Check.required(key, "key");
        }

        @Override
        public String toString() {
            return "Ready[sessionId=" + sessionId + ", udpPort=" + udpPort + "]";
        }
    }

    /** Stops voice for this session; its key is forgotten. */
    public record Stop() implements Request {
    }

    /** The user's own switches: muted (sends nothing) and deafened (hears nothing, implies muted). */
    public record SetState(Boolean selfMuted, Boolean deafened) implements Request {
        public SetState {
            Check.required(selfMuted, "selfMuted");
            Check.required(deafened, "deafened");
        }
    }

    /**
     * Registers (or, with no users and no channel, clears) one of the caller's whisper targets: audio
     * flagged with {@code target} goes to these users and the people in this channel (and its
     * sub-channels with {@code children}) instead of the caller's own channel.
     */
    public record SetTarget(Integer target, List<Long> users, Long channelId, Boolean children) implements Request {
        public SetTarget {
            Check.required(target, "target");
            if (target < AudioFrame.MIN_WHISPER_TARGET || target > AudioFrame.MAX_WHISPER_TARGET) {
                throw Check.invalid("target", "must be " + AudioFrame.MIN_WHISPER_TARGET + ".."
                        + AudioFrame.MAX_WHISPER_TARGET);
            }
            users = users == null ? List.of() : List.copyOf(users);
            if (users.size() > Limits.MAX_WHISPER_USERS) {
                throw Check.invalid("users", "must name at most " + Limits.MAX_WHISPER_USERS + " users");
            }
            if (users.stream().anyMatch(id -> id == 0)) {
                throw Check.invalid("users", "must be user ids (0 is none)");
            }
            if (channelId != null && channelId <= 0) {
                throw Check.invalid("channelId", "must be positive");
            }
        }

        /** Whether this clears the target. */
        public boolean clears() {
            return users.isEmpty() && channelId == null;
        }

        public boolean withChildren() {
            return Boolean.TRUE.equals(children);
        }
    }

    /**
     * Someone started or stopped talking to you: in your channel; with {@code whisper} true, to you
     * alone or a group you are in (a whisper or shout, see {@link SetTarget}); with {@code call} true,
     * in your call with them ({@link Calls}). {@code sessionId} matches their packets. Both flags are
     * absent for talk to the channel.
     */
    public record Talking(long userId, int sessionId, boolean talking, Boolean whisper, Boolean call) implements Event {
        public Talking(long userId, int sessionId, boolean talking) {
            this(userId, sessionId, talking, null, null);
        }

        public boolean whispered() {
            return Boolean.TRUE.equals(whisper);
        }

        public boolean inCall() {
            return Boolean.TRUE.equals(call);
        }
    }
}
