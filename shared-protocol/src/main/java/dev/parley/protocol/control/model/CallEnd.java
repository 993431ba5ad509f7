package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a call ended: {@code declined} by the one called, {@code cancelled} by the caller before an
 * answer, {@code missed} (nobody answered in time), {@code ended} (one side hung up or left after
 * it was answered).
 */
public enum CallEnd {
    DECLINED, CANCELLED, MISSED, ENDED;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static CallEnd fromWire(String wire) {
        return WireEnum.parse(CallEnd.class, wire, "reason");
    }
}
