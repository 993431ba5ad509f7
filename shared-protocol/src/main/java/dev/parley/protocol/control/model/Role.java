package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A user's role in the room. Admins may do everything; the others get the permissions of their role, adjusted per channel. */
public enum Role {
    ADMIN, MODERATOR, MEMBER, GUEST;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static Role fromWire(String wire) {
        return WireEnum.parse(Role.class, wire, "role");
    }
}
