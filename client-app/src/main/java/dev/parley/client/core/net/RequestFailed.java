package dev.parley.client.core.net;

import dev.parley.client.core.ClientException;
import dev.parley.protocol.control.ErrorCode;

/** The server answered a request with an {@code error}; {@link #getMessage()} is its user-facing sentence. */
public final class RequestFailed extends ClientException {
    private final ErrorCode code;
    private final Long retryAfterMs;

    public RequestFailed(ErrorCode code, String message) {
        this(code, message, null);
    }

    public RequestFailed(ErrorCode code, String message, Long retryAfterMs) {
        super(message);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    public ErrorCode code() {
        return code;
    }

    /** How long the server asked to wait before trying again ({@code rate_limited}), or null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }
}
