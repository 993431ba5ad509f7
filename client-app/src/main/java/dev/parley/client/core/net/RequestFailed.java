package dev.parley.client.core.net;

import dev.parley.client.core.ClientException;
import dev.parley.protocol.control.ErrorCode;

/** The server answered a request with an {@code error}; {@link #getMessage()} is its user-facing sentence. */
public final class RequestFailed extends ClientException {
    private final ErrorCode code;

    public RequestFailed(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
