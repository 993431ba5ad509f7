package dev.parley.client.core.voice.jitter;

import dev.parley.client.core.voice.EncodedFrame;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive jitter buffer for one speaker. Packets arrive reordered, duplicated, late or not at all;
 * the playback side pulls one decision per frame slot. A talk spurt starts playing once its first
 * packet has waited the target delay; the target follows measured jitter (grows at once, shrinks by
 * at most {@link JitterSettings#shrinkStepMs()} per spurt) but is changed only when a new spurt
 * starts, so adapting is never audible. A spurt ends after its END_OF_TALK packet or after
 * {@link JitterSettings#missingFramesToEnd()} missing frames with nothing newer buffered.
 * Time is passed in explicitly (monotonic nanoseconds).
 * <p>
 * Thread-safe: {@link #offer} (network thread) and {@link #pull} (playback thread) share one small lock.
 */
public final class JitterBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(JitterBuffer.class);

    /** Frames held at most; a power of two so a sequence number maps straight to its slot. */
    static final int CAPACITY = 64;
    private static final int MASK = CAPACITY - 1;
    /** A sequence this far behind the playout point means the sender restarted its counter. */
    private static final long RESTART_GAP = 1_000;
    private static final long NO_TIME = Long.MIN_VALUE;
    /**
     * Audio held beyond the target by more than this, or by more than the measured jitter if that is
     * larger (after a stall on either side, e.g. a sender that
     * bursts to catch up, or a playback thread that skipped ahead) is dropped so it cannot add latency
     * for the rest of a long spurt (an open microphone never ends its spurt).
     */
    static final int CATCH_UP_MARGIN_MS = 40;
    /**
     * Frames a spurt must have played before catching up may drop anything: a burst at a spurt's start
     * (voice activation's pre-roll) is meant to be heard, and short spurts end before latency matters.
     */
    static final int CATCH_UP_AFTER_FRAMES = 50;
    private static final long SAMPLES_PER_MS = 48;

    private enum State { IDLE, PLAYING, ENDING }

    private final Object lock = new Object();
    private final JitterSettings settings;
    private final JitterEstimator estimator;
    private final EncodedFrame[] slots = new EncodedFrame[CAPACITY];
    /** Sequences recently played, to tell a duplicate of a played packet from a late one. */
    private final long[] played = new long[CAPACITY];

    private State state = State.IDLE;
    private boolean hasPlayoutPoint;
    /** The sequence the next pull plays; everything below it is history. */
    private long nextSequence;
    private int buffered;
    private long spurtId;
    private long spurtFirstArrivalNanos = NO_TIME;
    private int targetDelayMs;
    private int trailingMissing;
    private int framesThisSpurt;

    private long received;
    private long late;
    private long duplicate;
    private long overflowDropped;
    private long lost;
    private long recoveredByFec;
    private long concealed;

    public JitterBuffer(JitterSettings settings) {
        this.settings = settings;
        this.estimator = new JitterEstimator(settings.windowPackets(), settings.percentile());
        this.targetDelayMs = settings.initialDelayMs();
        Arrays.fill(played, -1);
    }

    public JitterBuffer() {
        this(JitterSettings.defaults());
    }

    /**
     * Accepts a packet that arrived at {@code nowNanos}.
     *
     * @return true if buffered, false if dropped as duplicate or late
     */
    public boolean offer(EncodedFrame frame, long nowNanos) {
        synchronized (lock) {
            received++;
            long sequence = frame.sequence();
            if (hasPlayoutPoint && nextSequence - sequence > RESTART_GAP && state == State.IDLE) {
                LOG.debug("Sequence jumped back from {} to {}; treating as a restarted stream", nextSequence, sequence);
                resetPlayout();
            }
            if (hasPlayoutPoint && sequence < nextSequence) {
                if (played[(int) (sequence & MASK)] == sequence) {
                    duplicate++;
                } else {
                    late++;
                }
                LOG.debug("Dropped packet {} behind playout point {}", sequence, nextSequence);
                return false;
            }
            int index = (int) (sequence & MASK);
            if (slots[index] != null && slots[index].sequence() == sequence) {
                duplicate++;
                return false;
            }
            if (hasPlayoutPoint && sequence - nextSequence >= CAPACITY) {
                skipTo(sequence - CAPACITY + 1);
            } else if (!hasPlayoutPoint) {
                evictOlderThan(sequence - CAPACITY + 1);
            }
            // Only before the first spurt can the slot still hold a packet a whole buffer away.
            EncodedFrame occupant = slots[index];
            if (occupant != null) {
                if (occupant.sequence() > sequence) {
                    late++;
                    return false;
                }
                slots[index] = null;
                buffered--;
                overflowDropped++;
            }
            slots[index] = frame;
            buffered++;
            if (state == State.IDLE && spurtFirstArrivalNanos == NO_TIME) {
                beginWaitingSpurt(nowNanos);
            }
            estimator.record(nowNanos, frame.timestamp(), spurtId);
            return true;
        }
    }

    /** Decides what to play in the frame slot that starts at {@code nowNanos}. */
    public Playout pull(long nowNanos) {
        synchronized (lock) {
            if (state == State.ENDING) {
                endSpurt(nowNanos);
                return Playout.FADE_OUT;
            }
            if (state == State.IDLE && !startSpurtIfDue(nowNanos)) {
                return Playout.SILENCE;
            }
            if (state == State.PLAYING && ++framesThisSpurt > CATCH_UP_AFTER_FRAMES) {
                catchUpIfBehind();
            }
            EncodedFrame frame = take(nextSequence);
            if (frame != null) {
                advance();
                trailingMissing = 0;
                if (frame.payload().length == 0) {
                    return playEmpty(frame, nowNanos);
                }
                if (frame.endOfTalk()) {
                    state = State.ENDING;
                }
                return Playout.play(frame);
            }
            advance();
            EncodedFrame next = slots[(int) (nextSequence & MASK)];
            if (next != null && next.sequence() == nextSequence && next.payload().length > 0) {
                lost++;
                recoveredByFec++;
                trailingMissing = 0;
                return Playout.recoverFrom(next);
            }
            if (buffered == 0 && ++trailingMissing >= settings.missingFramesToEnd()) {
                // The sender has most likely stopped (its end marker lost): this slot is the end, not a loss.
                LOG.debug("Talk spurt ended after {} missing frames at sequence {}", trailingMissing, nextSequence);
                endSpurt(nowNanos);
                return Playout.FADE_OUT;
            }
            lost++;
            concealed++;
            return Playout.CONCEAL;
        }
    }

    /** Drops the oldest buffered frames when far more audio waits than the target delay asks for. */
    private void catchUpIfBehind() {
        if (buffered < 2) {
            return;
        }
        EncodedFrame oldest = null;
        EncodedFrame newest = null;
        for (EncodedFrame frame : slots) {
            if (frame != null) {
                if (oldest == null || frame.sequence() < oldest.sequence()) {
                    oldest = frame;
                }
                if (newest == null || frame.sequence() > newest.sequence()) {
                    newest = frame;
                }
            }
        }
        long heldMs = (newest.timestamp() - oldest.timestamp()) / SAMPLES_PER_MS;
        // A bursty network (Wi-Fi delivering 100 ms at once) swings the backlog by its jitter on its
        // own; only audio beyond that swing is a backlog worth dropping.
        double margin = Math.max(CATCH_UP_MARGIN_MS, estimator.estimateMs());
        if (heldMs <= targetDelayMs + margin) {
            return;
        }
        long keepFrom = newest.timestamp() - targetDelayMs * SAMPLES_PER_MS;
        long resumeAt = newest.sequence();
        for (EncodedFrame frame : slots) {
            if (frame != null && frame.timestamp() >= keepFrom && frame.sequence() < resumeAt) {
                resumeAt = frame.sequence();
            }
        }
        LOG.debug("{} ms of audio waiting (target {} ms); skipping from {} to {}", heldMs, targetDelayMs,
                nextSequence, resumeAt);
        skipTo(resumeAt);
    }

    /** True from the start of a talk spurt until its last frame (or its fade-out) has been handed out. */
    public boolean isTalking() {
        synchronized (lock) {
            return state != State.IDLE;
        }
    }

    public JitterStats stats() {
        synchronized (lock) {
            return new JitterStats(received, late, duplicate, overflowDropped, lost, recoveredByFec, concealed,
                    targetDelayMs, estimator.estimateMs(), buffered, state != State.IDLE);
        }
    }

    private boolean startSpurtIfDue(long nowNanos) {
        if (buffered == 0 || spurtFirstArrivalNanos == NO_TIME
                || nowNanos - spurtFirstArrivalNanos < targetDelayMs * 1_000_000L) {
            return false;
        }
        nextSequence = lowestBufferedSequence();
        hasPlayoutPoint = true;
        state = State.PLAYING;
        trailingMissing = 0;
        framesThisSpurt = 0;
        spurtFirstArrivalNanos = NO_TIME;
        LOG.debug("Talk spurt starts at sequence {} with target delay {} ms", nextSequence, targetDelayMs);
        return true;
    }

    /** A packet with nothing to decode: a bare end-of-talk marker ends the spurt here, anything else is concealed. */
    private Playout playEmpty(EncodedFrame frame, long nowNanos) {
        if (frame.endOfTalk()) {
            endSpurt(nowNanos);
            return Playout.FADE_OUT;
        }
        concealed++;
        return Playout.CONCEAL;
    }

    private void endSpurt(long nowNanos) {
        state = State.IDLE;
        if (buffered > 0) {
            // The next spurt's packets came in while this one was still playing: its wait starts now.
            beginWaitingSpurt(nowNanos);
        }
    }

    private void beginWaitingSpurt(long firstArrivalNanos) {
        spurtFirstArrivalNanos = firstArrivalNanos;
        spurtId++;
        adaptTarget();
    }

    /** Only called when a spurt's first packet arrives: a changed delay is inaudible there. */
    private void adaptTarget() {
        if (estimator.samples() < 10) {
            return;
        }
        int wanted = (int) Math.ceil(estimator.estimateMs());
        wanted = Math.max(settings.minDelayMs(), Math.min(settings.maxDelayMs(), wanted));
        int adapted = wanted >= targetDelayMs ? wanted : Math.max(wanted, targetDelayMs - settings.shrinkStepMs());
        if (adapted != targetDelayMs) {
            LOG.debug("Target delay {} ms -> {} ms", targetDelayMs, adapted);
            targetDelayMs = adapted;
        }
    }

    private EncodedFrame take(long sequence) {
        int index = (int) (sequence & MASK);
        EncodedFrame frame = slots[index];
        if (frame == null || frame.sequence() != sequence) {
            return null;
        }
        slots[index] = null;
        buffered--;
        played[index] = sequence;
        return frame;
    }

    private void advance() {
        nextSequence++;
    }

    /** Moves the playout point forward, dropping whatever is buffered before it. */
    private void skipTo(long sequence) {
        evictOlderThan(sequence);
        nextSequence = sequence;
    }

    private void evictOlderThan(long sequence) {
        for (int i = 0; i < CAPACITY; i++) {
            if (slots[i] != null && slots[i].sequence() < sequence) {
                slots[i] = null;
                buffered--;
                overflowDropped++;
            }
        }
    }

    private long lowestBufferedSequence() {
        long lowest = Long.MAX_VALUE;
        for (EncodedFrame frame : slots) {
            if (frame != null && frame.sequence() < lowest) {
                lowest = frame.sequence();
            }
        }
        return lowest;
    }

    private void resetPlayout() {
        Arrays.fill(slots, null);
        Arrays.fill(played, -1);
        buffered = 0;
        hasPlayoutPoint = false;
        spurtFirstArrivalNanos = NO_TIME;
    }
}
