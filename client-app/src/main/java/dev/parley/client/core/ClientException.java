package dev.parley.client.core;

/** The client core's one unchecked base exception; subclasses say what went wrong. */
public class ClientException extends RuntimeException {
    public ClientException(String message) {
        super(message);
    }

    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
