package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a 1:1 call stands, as one side sees it: {@code ringing} (you called, they have not answered),
 * {@code incoming} (they call you), {@code active} (both in it) or {@code ended}.
 */
public enum CallState {
    RINGING, INCOMING, ACTIVE, ENDED;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static CallState fromWire(String wire) {
        return WireEnum.parse(CallState.class, wire, "state");
    }
}
