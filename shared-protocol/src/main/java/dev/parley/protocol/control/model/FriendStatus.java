package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How another account stands to you: not related, a friend, or a friend request waiting for your
 * answer ({@code incoming}) or for theirs ({@code outgoing}).
 */
public enum FriendStatus {
    NONE, FRIEND, INCOMING, OUTGOING;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static FriendStatus fromWire(String wire) {
        return WireEnum.parse(FriendStatus.class, wire, "status");
    }
}
