package dev.parley.protocol.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Machine-readable reason carried by every {@code error} reply. Wire names never change. */
public enum ErrorCode {
    BAD_JSON("bad_json"),
    INVALID_MESSAGE("invalid_message"),
    UNKNOWN_TYPE("unknown_type"),
    INVALID_FIELD("invalid_field"),
    TOO_LARGE("too_large"),
    UNSUPPORTED_VERSION("unsupported_version"),
    HELLO_REQUIRED("hello_required"),
    NOT_AUTHENTICATED("not_authenticated"),
    ALREADY_AUTHENTICATED("already_authenticated"),
    BAD_CREDENTIALS("bad_credentials"),
    USERNAME_TAKEN("username_taken"),
    SERVER_PASSWORD("server_password"),
    GUESTS_DISABLED("guests_disabled"),
    INVALID_TOKEN("invalid_token"),
    FORBIDDEN("forbidden"),
    NOT_FOUND("not_found"),
    CHANNEL_PASSWORD("channel_password"),
    CONFLICT("conflict"),
    RATE_LIMITED("rate_limited"),
    BANNED("banned"),
    LIMIT_REACHED("limit_reached"),
    REGISTRATION_CLOSED("registration_closed"),
    ACCOUNT_PENDING("account_pending"),
    SHUTTING_DOWN("shutting_down"),
    INTERNAL("internal"),
    INVITE_REQUIRED("invite_required"),
    INVITE_INVALID("invite_invalid"),
    FRIENDS_ONLY("friends_only"),
    VOICE_REQUIRED("voice_required"),
    BUSY("busy");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ErrorCode fromWire(String wire) {
        return Arrays.stream(values())
                .filter(code -> code.wire.equals(wire))
                .findFirst()
                .orElseThrow(() -> new ProtocolException(INVALID_FIELD, "code", "unknown error code"));
    }
}
