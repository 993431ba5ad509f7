package dev.parley.client.core.voice.receive;

import dev.parley.client.core.voice.EncodedFrame;
import dev.parley.client.core.voice.jitter.JitterSettings;
import dev.parley.client.core.voice.mix.MixSources;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the receive side: routes each decrypted voice packet to its speaker's
 * {@link SpeakerStream}, creating one on a speaker's first packet and dropping it after a long quiet.
 * Thread-safe: {@link #offer} runs on the network thread, the mixer reads {@link #sources()} on the
 * playback thread.
 */
public final class VoiceReceiver implements MixSources {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceReceiver.class);

    /** Bounds the per-speaker state a flood of made-up speaker ids could create. */
    public static final int MAX_SPEAKERS = 256;

    private final JitterSettings jitterSettings;
    private final long idleNanos;
    private final Map<Integer, SpeakerStream> streams = new ConcurrentHashMap<>();
    private final Collection<SpeakerStream> view = Collections.unmodifiableCollection(streams.values());
    /** Told on the network thread when a speaker's first packet created its stream (wakes an idle playback). */
    private volatile Runnable newSpeakerListener = () -> { };

    /** @param idleAfter how long a speaker must be silent (no packets, not talking) before its state is dropped */
    public VoiceReceiver(JitterSettings jitterSettings, Duration idleAfter) {
        if (idleAfter.isNegative() || idleAfter.isZero()) {
            throw new IllegalArgumentException("idleAfter must be positive: " + idleAfter);
        }
        this.jitterSettings = jitterSettings;
        this.idleNanos = idleAfter.toNanos();
    }

    /** Default jitter settings; speakers are dropped after 30 s without a packet. */
    public VoiceReceiver() {
        this(JitterSettings.defaults(), Duration.ofSeconds(30));
    }

    /** {@code listener} runs on the offering thread right after a new speaker's stream exists; must not block. */
    public void setNewSpeakerListener(Runnable listener) {
        this.newSpeakerListener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /**
     * Hands a packet of {@code speakerId} that arrived at {@code nowNanos} to that speaker's stream.
     *
     * @return false if it was dropped (duplicate, late, or too many speakers)
     */
    public boolean offer(int speakerId, EncodedFrame packet, long nowNanos) {
        SpeakerStream stream = streamFor(speakerId, nowNanos);
        return stream != null && stream.offer(packet, nowNanos);
    }

    /**
     * Like {@link #offer} for a packet straight off the wire: {@code sequence} and {@code timestamp} are
     * the unsigned 32-bit wire counters, extended per speaker here.
     */
    public boolean offerWire(int speakerId, int sequence, int timestamp, boolean endOfTalk, byte[] payload,
            long nowNanos) {
        SpeakerStream stream = streamFor(speakerId, nowNanos);
        return stream != null && stream.offerWire(sequence, timestamp, endOfTalk, payload, nowNanos);
    }

    @Override
    public Collection<SpeakerStream> sources() {
        return view;
    }

    public Optional<SpeakerStream> stream(int speakerId) {
        return Optional.ofNullable(streams.get(speakerId));
    }

    public Optional<ReceiveStats> stats(int speakerId) {
        return stream(speakerId).map(SpeakerStream::stats);
    }

    /** Forgets a speaker at once, e.g. when they leave the channel. */
    public void remove(int speakerId) {
        streams.remove(speakerId);
    }

    private SpeakerStream streamFor(int speakerId, long nowNanos) {
        SpeakerStream stream = streams.get(speakerId);
        if (stream != null) {
            return stream;
        }
        if (streams.size() >= MAX_SPEAKERS) {
            LOG.debug("Dropping packet of new speaker {}: already {} speakers", speakerId, MAX_SPEAKERS);
            return null;
        }
        SpeakerStream created = streams.computeIfAbsent(speakerId, id -> {
            LOG.debug("New speaker stream {}", id);
            return new SpeakerStream(id, jitterSettings, nowNanos);
        });
        newSpeakerListener.run();
        return created;
    }

    @Override
    public void removeIdle(long nowNanos) {
        // A packet racing with removal lands in the dropped stream and is lost; the next one starts afresh.
        streams.values().removeIf(stream -> !stream.isTalking() && nowNanos - stream.lastOfferNanos() > idleNanos);
    }
}
