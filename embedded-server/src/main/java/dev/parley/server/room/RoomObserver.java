package dev.parley.server.room;

import dev.parley.server.session.OnlineUser;

/**
 * Hears about changes that other parts of the server mirror (voice routing follows who is where
 * and who may speak). Called on the room thread.
 */
public interface RoomObserver {
    /** The user's channel, mute, role or voice switches may have changed. */
    default void userChanged(OnlineUser user) {
    }

    /** The user left the room (signed off, kicked, replaced by a newer session). */
    default void userLeft(OnlineUser user) {
    }

    /** Channel permissions changed: anyone's rights may have changed. */
    default void permissionsChanged() {
    }
}
