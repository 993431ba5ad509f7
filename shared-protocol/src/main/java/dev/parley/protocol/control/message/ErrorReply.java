package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.ErrorCode;

/** The request was refused. {@code message} is a short sentence a user may see. */
public record ErrorReply(ErrorCode code, String message) implements Reply {
    public ErrorReply {
        Check.required(code, "code");
        message = message == null ? "" : message;
    }
}
