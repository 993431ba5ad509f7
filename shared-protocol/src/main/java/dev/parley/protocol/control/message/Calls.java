package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.model.CallEnd;
import dev.parley.protocol.control.model.CallState;
import dev.parley.protocol.control.model.UserInfo;

/**
 * 1:1 voice calls between two accounts in the same room, wherever each is. The server rings, keeps the
 * call's state and tells both sides; the audio goes through the relay as the call's voice target (31),
 * to the other side only. A user is in at most one call at a time.
 */
public final class Calls {
    private Calls() {
    }

    /** Rings {@code userId}. Needs voice started; answered with {@link Ringing}. */
    public record Ring(Long userId) implements Request {
        public Ring {
            Check.positive(userId, "userId");
        }
    }

    /** The call you placed is ringing; it is known by {@code callId} from now on. */
    public record Ringing(long callId) implements Reply {
    }

    /** Answers an incoming call. Needs voice started. */
    public record Accept(Long callId) implements Request {
        public Accept {
            Check.positive(callId, "callId");
        }
    }

    /** Refuses an incoming call. */
    public record Decline(Long callId) implements Request {
        public Decline {
            Check.positive(callId, "callId");
        }
    }

    /** Leaves a call: cancels it while it rings, ends it once answered. */
    public record Hangup(Long callId) implements Request {
        public Hangup {
            Check.positive(callId, "callId");
        }
    }

    /**
     * A call of yours changed: sent to both sides at every step. {@code peer} is the other side;
     * {@code reason} only with {@code ended}.
     */
    public record Changed(Long callId, UserInfo peer, CallState state, CallEnd reason) implements Event {
        public Changed {
            Check.positive(callId, "callId");
            Check.required(peer, "peer");
            Check.required(state, "state");
            if ((state == CallState.ENDED) != (reason != null)) {
                throw Check.invalid("reason", "is given exactly when the call ended");
            }
        }
    }
}
