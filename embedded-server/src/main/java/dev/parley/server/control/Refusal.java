package dev.parley.server.control;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.server.ServerException;

/** A request the server will not carry out; becomes an {@code error} reply, never a closed connection. */
public final class Refusal extends ServerException {
    private final ErrorCode code;
    private final Long retryAfterMs;

    public Refusal(ErrorCode code, String message) {
        this(code, message, null);
    }

    public Refusal(ErrorCode code, String message, Long retryAfterMs) {
        super(message);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    public ErrorCode code() {
        return code;
    }

    /** How long the client should wait before trying again, or null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }

    public static Refusal forbidden(String message) {
        return new Refusal(ErrorCode.FORBIDDEN, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(ErrorCode.NOT_FOUND, message);
    }
}
