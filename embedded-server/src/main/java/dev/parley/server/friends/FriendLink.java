package dev.parley.server.friends;

import dev.parley.protocol.control.model.FriendStatus;
import java.time.Instant;

/**
 * A friendships row: {@code requester} asked {@code target}; {@code acceptedAt} is null while the
 * request waits. Immutable.
 */
public record FriendLink(long requester, long target, Instant requestedAt, Instant acceptedAt) {
    public boolean accepted() {
        return acceptedAt != null;
    }

    public long other(long me) {
        return me == requester ? target : requester;
    }

    /** How {@code me} stands to the other side. */
    public FriendStatus statusFor(long me) {
        return accepted() ? FriendStatus.FRIEND : me == requester ? FriendStatus.OUTGOING : FriendStatus.INCOMING;
    }

    /** Epoch ms of the friendship, or of the request while it waits. */
    public long since() {
        return (accepted() ? acceptedAt : requestedAt).toEpochMilli();
    }
}
