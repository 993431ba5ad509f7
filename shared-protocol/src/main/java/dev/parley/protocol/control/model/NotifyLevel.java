package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which messages in a conversation notify a user: every message, only those that @mention them, or
 * none. Notifying is the client's job; the room only keeps each user's choice.
 */
public enum NotifyLevel {
    ALL, MENTIONS, NOTHING;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static NotifyLevel fromWire(String wire) {
        return WireEnum.parse(NotifyLevel.class, wire, "level");
    }
}
