package dev.parley.protocol.voice;

import java.util.Arrays;
import java.util.Objects;

/**
 * One end of one session's encrypted voice link: seals what this end sends with its own increasing
 * counter and opens what it receives through a {@link ReplayWindow}. The client holds one for its
 * session ({@link VoiceDirection#CLIENT_TO_SERVER} outgoing); the relay holds one per session
 * ({@link VoiceDirection#SERVER_TO_CLIENT} outgoing). Not thread-safe: one owner thread.
 *
 * <p>Counters restart at 0 only with a new key: a key is never reused with a fresh link.
 */
public final class VoiceLink {

    private final VoiceCipher cipher;
    private final VoiceDirection outgoing;
    private final VoiceDirection incoming;
    private final ReplayWindow window = new ReplayWindow();
    private long nextCounter;

    public VoiceLink(int sessionId, VoiceKey key, VoiceDirection outgoing) {
        this.cipher = new VoiceCipher(sessionId, key);
        this.outgoing = Objects.requireNonNull(outgoing, "outgoing");
        this.incoming = outgoing.opposite();
    }

    public int sessionId() {
        return cipher.keySessionId();
    }

    /**
     * Seals a body with the next counter into {@code out} (at least
     * {@link VoiceWire#MAX_DATAGRAM_BYTES} long) and returns the datagram's length.
     */
    public int seal(VoiceBody body, byte[] out) {
        if (nextCounter < 0) {
            throw new IllegalStateException("counter space exhausted; the session needs a new key");
        }
        int length = cipher.seal(outgoing, nextCounter, body, out);
        nextCounter++;
        return length;
    }

    /** Seals a body with the next counter into a new array of exactly the datagram's length. */
    public byte[] seal(VoiceBody body) {
        byte[] buffer = new byte[VoiceWire.MAX_DATAGRAM_BYTES];
        return Arrays.copyOf(buffer, seal(body, buffer));
    }

    /**
     * Opens a datagram from the other end: cheap checks, then the replay window (without recording),
     * then authentication, then the window records the counter. Never throws on bad input.
     */
    public OpenResult open(byte[] datagram, int offset, int length) {
        Objects.requireNonNull(datagram, "datagram");
        Objects.checkFromIndexSize(offset, length, datagram.length);
        if (VoiceWire.precheck(datagram, offset, length) == null
                && VoiceWire.keySessionId(datagram, offset) == cipher.keySessionId()
                && !window.wouldAccept(VoiceWire.counter(datagram, offset))) {
            return OpenResult.Rejected.of(RejectReason.REPLAYED);
        }
        OpenResult result = cipher.open(incoming, datagram, offset, length);
        if (result instanceof OpenResult.Opened opened) {
            window.accept(opened.counter());
        }
        return result;
    }

    public OpenResult open(byte[] datagram) {
        return open(datagram, 0, datagram.length);
    }

    /** Datagrams sealed so far; also the counter the next one gets. */
    public long sentCount() {
        return nextCounter;
    }

    /** Authentic, non-replayed datagrams received so far. */
    public long receivedCount() {
        return window.acceptedCount();
    }

    /** Highest counter received so far, or -1 before the first. */
    public long highestReceivedCounter() {
        return window.highest();
    }
}
