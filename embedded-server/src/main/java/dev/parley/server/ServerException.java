package dev.parley.server;

/** Base of every unchecked failure the room server raises itself. */
public class ServerException extends RuntimeException {
    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
