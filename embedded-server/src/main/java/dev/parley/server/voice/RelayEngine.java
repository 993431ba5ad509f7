package dev.parley.server.voice;

import dev.parley.protocol.e2e.SealedVoice;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.RejectReason;
import dev.parley.protocol.voice.VoiceBody;
import dev.parley.protocol.voice.VoiceChallenge;
import dev.parley.protocol.voice.VoiceHello;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoicePacketKind;
import dev.parley.protocol.voice.VoicePing;
import dev.parley.protocol.voice.VoicePong;
import dev.parley.protocol.voice.VoiceWire;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's decisions, without sockets or threads: checks, authenticates and routes each datagram,
 * keeps per-session state and talking indicators. Confined to the relay I/O thread, except
 * {@link #stats()} and the {@link #countTunnelDropped()} counter, which any thread may call.
 *
 * <p>Addresses and paths. A session's UDP address is bound only by return-routability: an authentic
 * datagram from an address that is not the bound one is answered with a {@link VoiceChallenge} (never
 * larger than the datagram, a small burst, then at most one per {@link #CHALLENGE_INTERVAL_NANOS} per session), and the
 * address is bound when a HELLO from it echoes the cookie. Until then the old address keeps the
 * session's voice. Tunnelled datagrams never unbind the address; they only choose the path: the relay
 * sends a session's voice on the path its latest authentic AUDIO or PING came by (HELLOs are probes
 * and choose nothing), and through the tunnel while no address is bound.
 */
final class RelayEngine {

    /** Sends one UDP datagram now; the buffer is reused after the call returns. */
    interface UdpOutput {
        /** Returns false when the datagram could not be sent (counted, never retried). */
        boolean send(SocketAddress to, byte[] datagram, int length);
    }

    private static final Logger log = LoggerFactory.getLogger(RelayEngine.class);
    /** Challenges per session are spaced at least this far apart, to bound reflection by a key holder. */
    static final long CHALLENGE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Challenges allowed back to back before the interval applies (a rebinding right after a bind). */
    static final int CHALLENGE_BURST = 4;
    /** A sealed challenge; only datagrams at least this long are answered with one (no amplification). */
    static final int CHALLENGE_BYTES = VoiceWire.MIN_DATAGRAM_BYTES + VoiceChallenge.BODY_BYTES;

    private final VoiceDirectory directory;
    private final VoiceEvents events;
    private final VoiceTunnel tunnel;
    private final UdpOutput udp;
    private final long talkingTimeoutNanos;
    private final WarningThrottle warnings = new WarningThrottle(log, TimeUnit.SECONDS.toNanos(10));
    private final AddressCookies cookies;

    /** Written by the I/O thread only; concurrent so stats readers can iterate it. */
    private final Map<Integer, RelaySession> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, RelaySession> talking = new HashMap<>();
    private final byte[] sealed = new byte[VoiceWire.MAX_DATAGRAM_BYTES];

    private final LongAdder datagramsIn = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder unknownSession = new LongAdder();
    private final LongAdder badAuth = new LongAdder();
    private final LongAdder unsealed = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder droppedUnbound = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder tunneledOut = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder tunnelDropped = new LongAdder();
    private final LongAdder challengesSent = new LongAdder();

    RelayEngine(VoiceDirectory directory, VoiceEvents events, VoiceTunnel tunnel, UdpOutput udp,
            long talkingTimeoutNanos) {
        this(directory, events, tunnel, udp, talkingTimeoutNanos, new SecureRandom());
    }

    RelayEngine(VoiceDirectory directory, VoiceEvents events, VoiceTunnel tunnel, UdpOutput udp,
            long talkingTimeoutNanos, SecureRandom random) {
        this.cookies = new AddressCookies(random);
        this.directory = directory;
        this.events = events;
        this.tunnel = tunnel;
        this.udp = udp;
        this.talkingTimeoutNanos = talkingTimeoutNanos;
    }

    /** A datagram that arrived over UDP from {@code source}. */
    void onUdp(byte[] datagram, int length, SocketAddress source, long nowNanos) {
        process(datagram, length, source, 0, nowNanos);
    }

    /** A datagram that arrived on the WebSocket of {@code sessionId}, which vouches for the session. */
    void onTunneled(int sessionId, byte[] datagram, long nowNanos) {
        process(datagram, datagram.length, null, sessionId, nowNanos);
    }

    private void process(byte[] datagram, int length, SocketAddress source, int tunnelSessionId, long nowNanos) {
        datagramsIn.increment();
        boolean tunneled = source == null;
        RejectReason cheap = VoiceWire.precheck(datagram, 0, length);
        VoicePacketKind kind = cheap == null ? VoiceWire.kind(datagram, 0) : null;
        if (cheap != null || kind == VoicePacketKind.PONG || kind == VoicePacketKind.CHALLENGE) {
            malformed.increment();
            log.debug("Dropped malformed voice datagram ({} bytes) from {}: {}", length, from(source, tunnelSessionId),
                    cheap == null ? kind + " sent to the relay" : cheap);
            return;
        }
        int sessionId = VoiceWire.keySessionId(datagram, 0);
        if (tunneled && sessionId != tunnelSessionId) {
            badAuth.increment();
            warnings.warn(nowNanos, "tunnel-session", "Session {} tunneled a voice datagram for session {}",
                    tunnelSessionId, sessionId);
            return;
        }
        RelaySession session = sessionFor(sessionId, nowNanos);
        if (session == null) {
            unknownSession.increment();
            log.debug("Dropped voice datagram for unknown session {} from {}", sessionId, from(source, tunnelSessionId));
            return;
        }
        OpenResult result = session.link.open(datagram, 0, length);
        if (result instanceof OpenResult.Rejected rejected) {
            countRejection(session, rejected.reason(), from(source, tunnelSessionId), nowNanos);
            return;
        }
        VoiceBody body = ((OpenResult.Opened) result).body();
        if (!tunneled && !source.equals(session.udpAddress)) {
            fromNewAddress(session, body, source, length, nowNanos);
            return;
        }
        session.packetsIn++;
        if (!(body instanceof VoiceHello)) {
            // Audio and pings choose the path back; a HELLO is a probe of UDP and chooses nothing.
            choosePath(session, tunneled);
        }
        if (body instanceof AudioFrame frame) {
            onAudio(session, frame, nowNanos);
        } else if (body instanceof VoiceHello hello) {
            answer(session, new VoiceHello(hello.nonce()), source);
        } else if (body instanceof VoicePing ping) {
            // On the path the ping came by, so the client measures that path.
            answer(session, VoicePong.answering(ping, session.link.receivedCount(),
                    session.link.highestReceivedCounter()), source);
        }
    }

    /**
     * An authentic datagram from a UDP address that is not the session's bound one: a NAT rebinding,
     * a reconnect, or a spoofed source. Only a HELLO echoing this address's cookie binds it; anything
     * else is dropped and gets a challenge sent to that address, never larger than what came from it.
     */
    private void fromNewAddress(RelaySession session, VoiceBody body, SocketAddress source, int length, long nowNanos) {
        if (body instanceof VoiceHello hello && cookies.verify(hello.cookie(), session.sessionId, source, nowNanos)) {
            session.packetsIn++;
            log.info("Voice session {} bound to UDP {} (was {})", session.sessionId, source, session.udpAddress);
            session.udpAddress = source;
            session.viaTunnel = false;
            answer(session, new VoiceHello(hello.nonce()), source);
            return;
        }
        if (!(body instanceof VoiceHello)) {
            droppedUnbound.increment();
            session.droppedUnbound++;
            log.debug("Dropped {} for session {} from unverified address {}", body.kind(), session.sessionId, source);
        }
        // A small burst, then one per interval (a leaky bucket with one long of state).
        // nanoTime values are compared by difference only: their origin is arbitrary.
        if (!session.challenged || session.challengeCredit - nowNanos < 0) {
            session.challengeCredit = nowNanos; // the bucket is empty
            session.challenged = true;
        }
        boolean allowed = session.challengeCredit - nowNanos < CHALLENGE_BURST * CHALLENGE_INTERVAL_NANOS;
        if (length >= CHALLENGE_BYTES && allowed) {
            session.challengeCredit += CHALLENGE_INTERVAL_NANOS;
            challengesSent.increment();
            answer(session, new VoiceChallenge(cookies.issue(session.sessionId, source, nowNanos)), source);
        }
    }

    private void choosePath(RelaySession session, boolean tunneled) {
        boolean viaTunnel = tunneled || session.udpAddress == null;
        if (viaTunnel != session.viaTunnel) {
            log.debug("Voice session {} now answered {}", session.sessionId, viaTunnel ? "through the tunnel" : "over UDP");
            session.viaTunnel = viaTunnel;
        }
    }

    private void onAudio(RelaySession speaker, AudioFrame frame, long nowNanos) {
        if (frame.speakerSessionId() != speaker.sessionId) {
            speaker.badAuth++;
            badAuth.increment();
            warnings.warn(nowNanos, "impersonation", "Session {} sent audio claiming speaker {}",
                    speaker.sessionId, frame.speakerSessionId());
            return;
        }
        int target = frame.target();
        if (target == AudioFrame.CHANNEL_TARGET && frame.payload().length > 0
                && SealedVoice.epochOf(frame.payload()) < 1 && directory.channelIsSealed(speaker.sessionId)) {
            // Plain audio to an encrypted channel: the speaker's client does not know (yet) that it must seal.
            unsealed.increment();
            warnings.warn(nowNanos, "unsealed", "Session {} sent unsealed audio to an end-to-end encrypted channel;"
                    + " dropped", speaker.sessionId);
            return;
        }
        updateTalking(speaker, frame.endOfTalk(), target, nowNanos);
        for (Integer listenerId : directory.listenersOf(speaker.sessionId, target)) {
            if (listenerId == speaker.sessionId) {
                continue;
            }
            RelaySession listener = sessionFor(listenerId, nowNanos);
            if (listener != null) {
                sendTo(listener, frame);
            }
        }
    }

    private void updateTalking(RelaySession speaker, boolean endOfTalk, int target, long nowNanos) {
        speaker.lastAudioNanos = nowNanos;
        if (endOfTalk) {
            stopTalking(speaker);
            return;
        }
        if (speaker.talking && speaker.target != target) {
            // Whispering to someone else now: the first audience hears the spurt end.
            stopTalking(speaker);
        }
        if (!speaker.talking) {
            speaker.talking = true;
            speaker.target = target;
            talking.put(speaker.sessionId, speaker);
            notify(true, speaker.sessionId, target, nowNanos);
        }
    }

    private void stopTalking(RelaySession speaker) {
        if (speaker.talking) {
            speaker.talking = false;
            talking.remove(speaker.sessionId);
            notify(false, speaker.sessionId, speaker.target, System.nanoTime());
        }
    }

    /** Ends talk spurts whose last audio is older than the timeout; cheap when nobody talks. */
    void expireTalking(long nowNanos) {
        if (talking.isEmpty()) {
            return;
        }
        List<RelaySession> expired = null;
        for (RelaySession speaker : talking.values()) {
            if (nowNanos - speaker.lastAudioNanos >= talkingTimeoutNanos) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(speaker);
            }
        }
        if (expired != null) {
            expired.forEach(this::stopTalking);
        }
    }

    /** Drops all state of a session that stopped voice or disconnected. */
    void forget(int sessionId) {
        RelaySession session = sessions.remove(sessionId);
        if (session != null) {
            stopTalking(session);
            log.debug("Forgot voice session {}", sessionId);
        }
    }

    /** Any thread. */
    void countTunnelDropped() {
        tunnelDropped.increment();
    }

    /** Any thread. */
    VoiceRelayStats stats() {
        Map<Integer, SessionVoiceStats> perSession = new HashMap<>();
        for (RelaySession session : sessions.values()) {
            perSession.put(session.sessionId, session.snapshot());
        }
        return new VoiceRelayStats(datagramsIn.sum(), malformed.sum(), unknownSession.sum(), badAuth.sum(),
                replayed.sum(), droppedUnbound.sum(), packetsOut.sum(), tunneledOut.sum(), sendFailures.sum(),
                tunnelDropped.sum(), challengesSent.sum(), unsealed.sum(), perSession);
    }

    /**
     * The session's state if it has a voice key; a changed key starts fresh state (new counters, no
     * binding), a withdrawn key forgets it.
     */
    private RelaySession sessionFor(int sessionId, long nowNanos) {
        Optional<VoiceKey> key = directory.keyFor(sessionId);
        RelaySession known = sessions.get(sessionId);
        if (key.isEmpty()) {
            if (known != null) {
                forget(sessionId);
            }
            return null;
        }
        if (known != null && (known.key == key.get() || known.key.equals(key.get()))) {
            return known;
        }
        if (known != null) {
            log.info("Voice session {} has a new key; its relay state starts over", sessionId);
            stopTalking(known);
        }
        RelaySession fresh = new RelaySession(sessionId, key.get());
        sessions.put(sessionId, fresh);
        return fresh;
    }

    /** Sends on the session's path: UDP to its bound address, or the tunnel. */
    private void sendTo(RelaySession session, VoiceBody body) {
        deliver(session, body, session.viaTunnel ? null : session.udpAddress);
    }

    /** Answers over UDP to {@code source}, or through the tunnel when the request came by tunnel (null). */
    private void answer(RelaySession session, VoiceBody body, SocketAddress source) {
        deliver(session, body, source);
    }

    private void deliver(RelaySession session, VoiceBody body, SocketAddress address) {
        int length = session.link.seal(body, sealed);
        if (address != null) {
            if (!udp.send(address, sealed, length)) {
                sendFailures.increment();
                return;
            }
        } else {
            try {
                tunnel.deliver(session.sessionId, Arrays.copyOf(sealed, length));
            } catch (RuntimeException e) {
                // The tunnel is the control plane's code: one failure must not stop the other listeners.
                sendFailures.increment();
                warnings.warn(System.nanoTime(), "tunnel-failure", "Voice tunnel to session {} failed", session.sessionId, e);
                return;
            }
            tunneledOut.increment();
        }
        session.packetsOut++;
        packetsOut.increment();
    }

    private void notify(boolean started, int sessionId, int target, long nowNanos) {
        try {
            if (started) {
                events.talkingStarted(sessionId, target);
            } else {
                events.talkingStopped(sessionId);
            }
        } catch (RuntimeException e) {
            warnings.warn(nowNanos, "events-failure", "Talking callback for session {} failed", sessionId, e);
        }
    }

    private void countRejection(RelaySession session, RejectReason reason, Object from, long nowNanos) {
        if (reason == RejectReason.REPLAYED) {
            session.replayed++;
            replayed.increment();
            log.debug("Dropped replayed or late voice datagram for session {} from {}", session.sessionId, from);
        } else {
            session.badAuth++;
            badAuth.increment();
            warnings.warn(nowNanos, "bad-auth", "Voice datagram for session {} from {} failed authentication ({})",
                    session.sessionId, from, reason);
        }
    }

    private static Object from(SocketAddress source, int tunnelSessionId) {
        return source != null ? source : "the tunnel";
    }
}
