package dev.parley.server.voice;

/**
 * Carries voice datagrams to sessions that have no working UDP path, as binary WebSocket frames.
 * Implemented by the control plane. Called on the relay's I/O thread: must not block (put the frame
 * on the connection's bounded send queue and drop it when the queue is full; late audio is useless).
 */
@FunctionalInterface
public interface VoiceTunnel {

    /**
     * @param datagram a complete sealed voice datagram under the listener's key; the callee owns it
     */
    void deliver(int listenerSessionId, byte[] datagram);

    /** Drops everything; for rooms that never tunnel voice and for tests. */
    VoiceTunnel NONE = (listenerSessionId, datagram) -> { };
}
