package dev.parley.client.ui.room;

import dev.parley.protocol.control.model.UserState;

/** A user as the channel tree draws them. */
public record UserNode(UserState state, boolean talking, boolean self) {
    public long id() {
        return state.id();
    }

    public String name() {
        return state.user().name();
    }
}
