package dev.parley.client.core.net;

import dev.parley.client.core.ClientException;

/** No reply arrived in time; the request may or may not have been carried out. */
public final class RequestTimedOut extends ClientException {
    public RequestTimedOut(String message) {
        super(message);
    }
}
