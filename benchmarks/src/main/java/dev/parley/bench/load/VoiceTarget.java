package dev.parley.bench.load;

import java.util.List;

/**
 * Something that forwards voice: Parley's relay or the bare forwarder. Knows how its clients join
 * and how an audio datagram looks on its wire. {@link #audio} is called on the sender thread,
 * {@link #sentNanos} on the receiver thread.
 */
interface VoiceTarget extends AutoCloseable {

    String name();

    /** Connects the scenario's clients (UDP channels not yet bound; {@link VoiceLoad} binds them). */
    List<VoiceClient> connect(Scenario scenario);

    /** The datagram that binds a client's UDP address (Parley: a sealed HELLO; bare: a JOIN). */
    byte[] bind(VoiceClient client);

    /**
     * Writes one audio datagram carrying {@code opus} with {@code sentNanos} in its payload's first
     * eight bytes; returns its length.
     */
    int audio(VoiceClient client, int sequence, byte[] opus, long sentNanos, byte[] out);

    /**
     * The send time inside an audio datagram a listener received, or -1 for anything else (a bind
     * echo marks the client bound).
     */
    long sentNanos(VoiceClient listener, byte[] datagram, int length);

    /** Whether a received datagram is audio, judged from its cleartext only (no decryption). */
    boolean isAudio(byte[] datagram, int length);

    /** The process doing the forwarding, for CPU and memory. */
    ChildProcess process();

    @Override
    void close();
}
