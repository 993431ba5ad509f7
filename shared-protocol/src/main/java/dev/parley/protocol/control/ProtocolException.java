package dev.parley.protocol.control;

/**
 * A message that breaks the contract. Thrown by record constructors so that an invalid message can
 * never exist; the codec turns it into an error value, callers of the codec never see it.
 */
public class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public ProtocolException(ErrorCode code, String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The offending field, or null when the whole message is wrong. */
    public String field() {
        return field;
    }
}
