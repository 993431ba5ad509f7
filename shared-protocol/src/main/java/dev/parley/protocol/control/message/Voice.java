package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;

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

    /** Someone in your channel started or stopped talking; {@code sessionId} matches their packets. */
    public record Talking(long userId, int sessionId, boolean talking) implements Event {
    }
}
