package dev.parley.client.core.export;

import dev.parley.client.core.ClientException;

/** An export could not be made, written or read. */
public class ExportException extends ClientException {
    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExportException(String message) {
        super(message);
    }
}
