package dev.parley.protocol.control;

/** The outcome of decoding one frame: a valid envelope, or why it was refused. Never an exception. */
public sealed interface Decoded {

    record Valid(Envelope envelope) implements Decoded {
    }

    /**
     * @param requestId the frame's id when it could be read, so the refusal can answer it
     */
    record Invalid(String requestId, ErrorCode code, String message) implements Decoded {
    }
}
