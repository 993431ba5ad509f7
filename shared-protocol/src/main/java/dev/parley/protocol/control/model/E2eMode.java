package dev.parley.protocol.control.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the members of an end-to-end encrypted channel come by its key: {@code passphrase} (each derives it
 * from a passphrase they share out of band) or {@code shared} (a member makes a random key and gives each
 * member a copy sealed to that member's identity key, over X25519).
 */
public enum E2eMode {
    PASSPHRASE, SHARED;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static E2eMode fromWire(String wire) {
        return WireEnum.parse(E2eMode.class, wire, "mode");
    }
}
