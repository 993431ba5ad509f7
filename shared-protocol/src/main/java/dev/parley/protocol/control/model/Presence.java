package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What others see of a user. {@code invisible} is only ever set by its owner; everyone else sees it as {@code offline}. */
public enum Presence {
    ONLINE, AWAY, BUSY, INVISIBLE, OFFLINE;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static Presence fromWire(String wire) {
        return WireEnum.parse(Presence.class, wire, "presence");
    }
}
