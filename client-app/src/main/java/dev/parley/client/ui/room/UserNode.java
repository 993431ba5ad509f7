package dev.parley.client.ui.room;

import dev.parley.protocol.control.model.UserState;

/**
 * A user as the channel tree draws them.
 *
 * @param talking        heard talking in my channel (or, for me, transmitting)
 * @param whisperingToMe whispering or shouting to me right now, wherever they are
 */
public record UserNode(UserState state, boolean talking, boolean self, boolean whisperingToMe) {
    public UserNode(UserState state, boolean talking, boolean self) {
        this(state, talking, self, false);
    }

    public long id() {
        return state.id();
    }

    public String name() {
        return state.user().name();
    }
}
