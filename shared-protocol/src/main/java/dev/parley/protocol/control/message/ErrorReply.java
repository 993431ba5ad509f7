package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.ErrorCode;

/**
 * The request was refused. {@code message} is a short sentence a user may see; clients decide on
 * {@code code}, never on the message. {@code retryAfterMs} (optional, with {@code rate_limited})
 * says how long to wait before trying again.
 */
public record ErrorReply(ErrorCode code, String message, Long retryAfterMs) implements Reply {
    public ErrorReply {
        Check.required(code, "code");
        message = message == null ? "" : message;
    }

    public ErrorReply(ErrorCode code, String message) {
        this(code, message, null);
    }
}
