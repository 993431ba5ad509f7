package dev.parley.client.core.net;

import dev.parley.client.core.ClientException;

/** The request could not be sent, or its connection closed before the reply came. */
public final class NotConnected extends ClientException {
    public NotConnected(String message) {
        super(message);
    }
}
