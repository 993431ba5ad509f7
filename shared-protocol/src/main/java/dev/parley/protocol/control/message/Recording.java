package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.model.UserInfo;
import java.util.List;

/**
 * Recording a voice channel. The recording itself happens on the recorder's own machine (from the
 * voice packets it already receives); the server only keeps and announces <em>who</em> records, so
 * every honest client in the channel can show it. The indicator is advisory: a modified client can
 * record without asking.
 */
public final class Recording {
    private Recording() {
    }

    /** "I start recording my current channel." Needs voice started ({@code voice.start}). */
    public record Start() implements Request {
    }

    /** "I stop recording." Answered {@code ok} whether or not the caller was recording. */
    public record Stop() implements Request {
    }

    /**
     * Who records {@code channelId} now, in the order they started; empty when nobody does. Sent to
     * everyone in the channel on every change, and to a user who enters a channel where someone records.
     */
    public record State(Long channelId, List<UserInfo> recorders) implements Event {
        public State {
            Check.positive(channelId, "channelId");
            Check.required(recorders, "recorders");
            recorders = List.copyOf(recorders);
        }
    }
}
