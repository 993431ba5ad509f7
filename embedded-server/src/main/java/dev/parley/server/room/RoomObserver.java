package dev.parley.server.room;

import dev.parley.server.session.OnlineUser;

/**
 * Hears about changes that other parts of the server mirror (voice routing follows who is where
 * and who may speak). Called on the room thread.
 */
public interface RoomObserver {
    /** The user's channel, mute, role or voice switches may have changed. */
    void userChanged(OnlineUser user);

    void userLeft(OnlineUser user);

    /** Channel permissions changed: anyone's rights may have changed. */
    void permissionsChanged();

    RoomObserver NONE = new RoomObserver() {
        @Override
        public void userChanged(OnlineUser user) {
        }

        @Override
        public void userLeft(OnlineUser user) {
        }

        @Override
        public void permissionsChanged() {
        }
    };
}
