package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who may create an account in a room: anyone, anyone once an admin approves, nobody, or only who holds an invite code. */
public enum Registration {
    OPEN, APPROVAL, CLOSED,
    /** Only with an invite code ({@code invite.create}). */
    INVITE;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static Registration fromWire(String wire) {
        return WireEnum.parse(Registration.class, wire, "registration");
    }
}
