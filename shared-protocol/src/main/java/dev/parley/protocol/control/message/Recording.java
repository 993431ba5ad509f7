package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.model.UserInfo;
import java.util.List;

/**
 * Recording a voice channel or a 1:1 call. The recording itself happens on the recorder's own machine
 * (from the voice packets it already receives and sends); the server only keeps and announces
 * <em>who</em> records, so every honest client in the channel, or both sides of the call, can show it.
 * The indicator is advisory: a modified client can record without asking.
 */
public final class Recording {
    private Recording() {
    }

    /**
     * "I start recording my current channel", or with {@code call} true "my current (answered) call".
     * Needs voice started ({@code voice.start}). A channel recording and a call recording are
     * independent: a user may run one of each.
     */
    public record Start(Boolean call) implements Request {
        public Start() {
            this(null);
        }

        public static Start ofCall() {
            return new Start(true);
        }

        public boolean forCall() {
            return Boolean.TRUE.equals(call);
        }
    }

    /**
     * "I stop recording" my channel, or with {@code call} true my call. Answered {@code ok} whether or
     * not the caller was recording it.
     */
    public record Stop(Boolean call) implements Request {
        public Stop() {
            this(null);
        }

        public static Stop ofCall() {
            return new Stop(true);
        }

        public boolean forCall() {
            return Boolean.TRUE.equals(call);
        }
    }

    /**
     * Who records now, in the order they started; empty when nobody does. Exactly one of
     * {@code channelId} (a channel: sent to everyone in it on every change, and to a user who enters it
     * while someone records) and {@code callId} (a call: sent to both sides on every change, and with
     * an empty list when the call ends while recorded) is given.
     */
    public record State(Long channelId, Long callId, List<UserInfo> recorders) implements Event {
        public State {
            Check.optionalPositive(channelId, "channelId");
            Check.optionalPositive(callId, "callId");
            if ((channelId == null) == (callId == null)) {
                throw Check.invalid("channelId", "exactly one of channelId and callId is given");
            }
            Check.required(recorders, "recorders");
            recorders = List.copyOf(recorders);
        }

        /** The recorders of a channel. */
        public State(Long channelId, List<UserInfo> recorders) {
            this(channelId, null, recorders);
        }

        public static State ofCall(long callId, List<UserInfo> recorders) {
            return new State(null, callId, recorders);
        }

        public boolean forCall() {
            return callId != null;
        }
    }
}
