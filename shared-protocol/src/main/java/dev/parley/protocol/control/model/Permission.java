package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a role may do in a channel. ENTER also means reading the channel's chat; MANAGE covers creating sub-channels, editing the channel and deleting others' messages. */
public enum Permission {
    ENTER, SPEAK, WRITE, MANAGE, MOVE, KICK, MUTE;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static Permission fromWire(String wire) {
        return WireEnum.parse(Permission.class, wire, "permission");
    }
}
