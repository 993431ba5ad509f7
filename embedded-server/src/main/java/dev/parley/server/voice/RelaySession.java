package dev.parley.server.voice;

import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoiceLink;
import java.net.SocketAddress;

/**
 * The relay's state for one voice session under one key. Owned by the relay I/O thread, the only
 * writer; stats readers on other threads only read the volatile fields.
 */
final class RelaySession {

    final int sessionId;
    final VoiceKey key;
    final VoiceLink link;

    /** The verified UDP address (a HELLO from it echoed its cookie); null until then. Never unbound by the tunnel. */
    volatile SocketAddress udpAddress;
    /** Whether voice to this session goes through the tunnel: its latest audio or ping came that way, or no address. */
    boolean viaTunnel = true;
    /** Leaky-bucket state spacing challenges: when the bucket is empty again; valid once {@code challenged}. */
    long challengeCredit;
    boolean challenged;
    volatile boolean talking;
    /** The voice target of the current spurt (0: the channel); meaningful while {@code talking}. */
    int target;
    long lastAudioNanos;

    // Single writer (the I/O thread), so ++ on a volatile is safe here.
    volatile long packetsIn;
    volatile long packetsOut;
    volatile long badAuth;
    volatile long replayed;
    volatile long droppedUnbound;

    RelaySession(int sessionId, VoiceKey key) {
        this.sessionId = sessionId;
        this.key = key;
        this.link = new VoiceLink(sessionId, key, VoiceDirection.SERVER_TO_CLIENT);
    }

    SessionVoiceStats snapshot() {
        return new SessionVoiceStats(sessionId, packetsIn, packetsOut, badAuth, replayed, droppedUnbound,
                udpAddress != null, talking);
    }
}
