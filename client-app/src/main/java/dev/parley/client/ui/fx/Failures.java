package dev.parley.client.ui.fx;

import dev.parley.client.core.ClientException;
import dev.parley.protocol.control.ProtocolException;
import dev.parley.server.ServerException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure from the core into the short sentence a user sees. */
public final class Failures {
    private Failures() {
    }

    public static String sentence(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if ((cause instanceof ClientException || cause instanceof ProtocolException || cause instanceof ServerException)
                && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return "Something went wrong: " + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
    }
}
