package dev.parley.server.control;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.server.ServerException;

/** A request the server will not carry out; becomes an {@code error} reply, never a closed connection. */
public final class Refusal extends ServerException {
    private final ErrorCode code;

    public Refusal(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static Refusal forbidden(String message) {
        return new Refusal(ErrorCode.FORBIDDEN, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(ErrorCode.NOT_FOUND, message);
    }
}
