package dev.parley.server.session;

import dev.parley.protocol.control.Envelope;

/** The way back to one connected client. Implementations are thread-safe and never block. */
public interface ClientLink {
    void send(Envelope envelope);

    void sendEncoded(String frame);

    void sendBinary(byte[] frame);

    void announceAndClose(int code, String reason, String message);

    boolean isOpen();
}
