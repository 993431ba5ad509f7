package dev.parley.server.session;

import dev.parley.protocol.control.Envelope;

/** The way back to one connected client. Implementations are thread-safe and never block. */
public interface ClientLink {
    void send(Envelope envelope);

    void sendEncoded(String frame);

    void sendBinary(byte[] frame);

    void announceAndClose(int code, String reason, String message);

    boolean isOpen();

    /**
     * Whether this client is so far behind reading what it was sent that news which a later
     * update supersedes (presence) should wait until it has caught up rather than pile up.
     */
    default boolean lagging() {
        return false;
    }
}
