package dev.parley.server.room;

/**
 * Per-user privacy between accounts (the friends feature's "friends only" options), asked by the room
 * when it shows presence and by chat before it delivers a direct message. Called on the room thread.
 */
public interface PeerPrivacy {
    /** Nothing is private: what a room without the friends feature does. */
    PeerPrivacy NONE = new PeerPrivacy() {
        @Override
        public boolean presenceHiddenFrom(long subjectId, long viewerId) {
            return false;
        }

        @Override
        public boolean refusesDirectMessage(long fromId, long toId) {
            return false;
        }
    };

    /** Whether {@code viewerId} must see {@code subjectId} as offline whatever their real presence. */
    boolean presenceHiddenFrom(long subjectId, long viewerId);

    /** Whether {@code toId} refuses a direct message from {@code fromId}. */
    boolean refusesDirectMessage(long fromId, long toId);
}
