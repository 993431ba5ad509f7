package dev.parley.client.core.audio.capture;

/** What to do with one captured chunk, and whether a talk spurt starts or ends with it. */
public enum TransmitDecision {
    /** Not talking: do not send. */
    IDLE,
    /** Send this chunk; it is the first of a talk spurt. */
    START,
    /** Send this chunk; the spurt goes on. */
    CONTINUE,
    /**
     * Do not send this chunk: the spurt ended with the previous one. Flush whatever the encoder holds and
     * mark that last packet END_OF_TALK.
     */
    END;

    public boolean transmit() {
        return this == START || this == CONTINUE;
    }
}
