package dev.parley.server.db;

/** Base of every persistence failure: SQL errors, a full disk, a closed or overloaded database. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
