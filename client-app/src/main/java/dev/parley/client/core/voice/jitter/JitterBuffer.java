package dev.parley.client.core.voice.jitter;

import dev.parley.client.core.voice.EncodedFrame;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive jitter buffer for one speaker, the packet half of a NetEQ-style playout: packets arrive
 * reordered, duplicated, late or not at all; the playback side pulls one decision per frame. A talk
 * spurt starts once its first packet has waited the target delay. From then on the playout delay is
 * steered by the caller, who time-stretches decoded audio (see {@code receive.SpeakerStream}) towards
 * {@link #targetDelayMs()} using {@link #playoutDelayMs(long)}; this class only decides per frame:
 * <ul>
 *   <li>the frame is here: play it;</li>
 *   <li>it is missing but a later one is here: give it up (FEC from the next packet, else conceal);</li>
 *   <li>nothing is here (late packet, stall): <em>expand</em> — conceal one frame and keep waiting, so the
 *       delay grows by what the network took; a spurt ends only on its END_OF_TALK packet or after
 *       {@link JitterSettings#spurtGapMs()} with nothing to play (an open microphone never ends on a short gap);</li>
 *   <li>it was being waited for (expanding) and a later one came instead: it is lost, and the expansion
 *       already played in its place ({@link Playout#expansionWasLoss()}), so a loss does not also grow the
 *       delay by a frame; the next frame is decided in the same pull.</li>
 * </ul>
 * A concealment (given up or expanded for) is decided when its slot starts, but a 20 ms frame plays over two
 * 10 ms pulls: if the packet after it comes before the concealment has been played out,
 * {@link #fecForLastConcealment()} hands it over so the caller can swap the rest for FEC audio, and the frame
 * counts as FEC-recovered. At 10 % loss with 0–30 ms of jitter about half of the successors come after the
 * lost frame's slot has started (the target covers the lost frame's own jitter, not a frame more), a third
 * within the first 10 ms of it.
 * The target is the measured jitter percentile plus headroom: it grows at once and falls by at most
 * {@link JitterSettings#shrinkMsPerSecond()}, except when the estimator releases a spike that is over (one short
 * late event, then a second on time: a sender's start-up stall and burst), when it falls at once.
 * Every packet, late ones too, feeds the estimate.
 * Time is passed in explicitly (monotonic nanoseconds).
 * <p>
 * Thread-safe: {@link #offer} (network thread) and {@link #pull} (playback thread) share one small lock.
 * Nothing is allocated per packet or pull apart from the {@link Playout} handed out.
 */
public final class JitterBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(JitterBuffer.class);

    /** Frames held at most; a power of two so a sequence number maps straight to its slot. */
    static final int CAPACITY = 64;
    private static final int MASK = CAPACITY - 1;
    /** A sequence this far from the playout point means the sender restarted its counter. */
    private static final long RESTART_GAP = 1_000;
    private static final long NO_TIME = Long.MIN_VALUE;
    /**
     * Audio held beyond the target by more than this (or twice the measured jitter if larger) is more than
     * time-stretching should absorb (it removes at most half of what it plays): the playout point skips
     * ahead and the frames are counted as overflow-dropped. Only a long stall gets here.
     */
    static final int CATCH_UP_MARGIN_MS = 300;
    /** Frames a spurt must have played before catching up may drop anything (a pre-roll burst is meant to be heard). */
    static final int CATCH_UP_AFTER_FRAMES = 50;
    private static final double SAMPLES_PER_MS = 48.0;
    private static final int DEFAULT_FRAME_SAMPLES = 960;

    private enum State { IDLE, PLAYING, ENDING }

    private final Object lock = new Object();
    private final JitterSettings settings;
    private final JitterEstimator estimator;
    private final EncodedFrame[] slots = new EncodedFrame[CAPACITY];
    /** Sequences recently played, to tell a duplicate of a played packet from a late one. */
    private final long[] played = new long[CAPACITY];
    /** Sequences recently given up without their packet, to count how many of them still arrived. */
    private final long[] givenUp = new long[CAPACITY];

    private State state = State.IDLE;
    private boolean hasPlayoutPoint;
    /** The sequence the next pull plays; everything below it is history. */
    private long nextSequence;
    /** Sender timestamp of the frame the next pull hands out (played, recovered or concealed). */
    private long expectedTimestamp;
    private int frameSamples = DEFAULT_FRAME_SAMPLES;
    private long lastTakenSequence = -1;
    private long lastTakenTimestamp;
    private int buffered;
    private long spurtId;
    private long spurtFirstArrivalNanos = NO_TIME;
    private long expandingSinceNanos = NO_TIME;
    private double targetDelayMs;
    private long targetUpdatedNanos = NO_TIME;
    /** The estimator's released spikes as last seen: a release lets the target fall at once. */
    private long releasesSeen;
    private int framesThisSpurt;
    /**
     * The frame whose concealment the last pull handed out (given up, or expanded for while waiting), while the
     * caller may still replace the part of it not yet played with FEC audio; -1 otherwise.
     */
    private long swappable = -1;
    private boolean swappableIsExpansion;

    private long received;
    private long late;
    private long lateAfterGivenUp;
    private long duplicate;
    private long overflowDropped;
    private long lost;
    private long recoveredByFec;
    private long concealed;
    private long expanded;
    private long recoveredAfterConcealing;

    public JitterBuffer(JitterSettings settings) {
        this.settings = settings;
        this.estimator = new JitterEstimator(settings.windowPackets(), settings.windowMs(), settings.percentile());
        this.targetDelayMs = settings.initialDelayMs();
        Arrays.fill(played, -1);
        Arrays.fill(givenUp, -1);
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
                int index = (int) (sequence & MASK);
                if (played[index] == sequence) {
                    duplicate++;
                    return false;
                }
                late++;
                if (givenUp[index] == sequence) {
                    givenUp[index] = -1;
                    lateAfterGivenUp++;
                }
                // Late is data: the stall that made it miss its slot must raise the target.
                estimator.record(nowNanos, frame.timestamp(), spurtId);
                updateTarget(nowNanos);
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
            updateTarget(nowNanos);
            return true;
        }
    }

    /** Decides what to play for the next frame, pulled at {@code nowNanos}. */
    public Playout pull(long nowNanos) {
        synchronized (lock) {
            swappable = -1;
            updateTarget(nowNanos);
            if (state == State.ENDING) {
                endSpurt(nowNanos);
                return Playout.FADE_OUT;
            }
            if (state == State.IDLE && !startSpurtIfDue(nowNanos)) {
                return Playout.SILENCE;
            }
            if (++framesThisSpurt > CATCH_UP_AFTER_FRAMES) {
                catchUpIfBehind();
            }
            boolean expansionWasLoss = false;
            if (expandingSinceNanos != NO_TIME && buffered > 0 && !isHere(nextSequence)) {
                // We concealed while waiting for this frame and a later one came instead: it is lost, not late.
                // The expansion already played in its place, so give it up without playing more for it: a loss
                // then costs no delay (recovering it by FEC now would add a frame), and the next frame is decided now.
                giveUp();
                expanded--;
                concealed++;
                expectedTimestamp += frameSamples;
                expansionWasLoss = true;
            }
            Playout decision = decide(nowNanos);
            return expansionWasLoss ? decision.afterExpandedLoss() : decision;
        }
    }

    private Playout decide(long nowNanos) {
        EncodedFrame frame = take(nextSequence);
        if (frame != null) {
            nextSequence++;
            expandingSinceNanos = NO_TIME;
            noteFrameLength(frame);
            expectedTimestamp = frame.timestamp() + frameSamples;
            if (frame.payload().length == 0) {
                return playEmpty(frame, nowNanos);
            }
            if (frame.endOfTalk()) {
                state = State.ENDING;
            }
            return Playout.play(frame);
        }
        EncodedFrame next = slots[(int) ((nextSequence + 1) & MASK)];
        if (next != null && next.sequence() == nextSequence + 1 && next.payload().length > 0) {
            giveUp();
            recoveredByFec++;
            expectedTimestamp = next.timestamp();
            return Playout.recoverFrom(next);
        }
        if (buffered > 0) {
            // A later packet is here: this one is lost, or so late that waiting would cost more than it saves.
            swappable = nextSequence;
            swappableIsExpansion = false;
            giveUp();
            concealed++;
            expectedTimestamp += frameSamples;
            return Playout.CONCEAL;
        }
        if (expandingSinceNanos == NO_TIME) {
            expandingSinceNanos = nowNanos;
        } else if (nowNanos - expandingSinceNanos >= settings.spurtGapMs() * 1_000_000L) {
            // Nothing for longer than a sender's hangover: its end marker was lost; this slot is the end.
            LOG.debug("Talk spurt ended after {} ms without packets at sequence {}",
                    (nowNanos - expandingSinceNanos) / 1_000_000, nextSequence);
            endSpurt(nowNanos);
            return Playout.FADE_OUT;
        }
        expanded++;
        swappable = nextSequence;
        swappableIsExpansion = true;
        return Playout.EXPAND;
    }

    /**
     * The packet after the frame whose concealment the last pull handed out ({@link Playout.Action#CONCEAL} or
     * {@link Playout.Action#EXPAND}), if it has come since: its FEC data rebuilds that frame, so the caller can
     * replace the part of the concealment it has not played yet with real audio. Called by the playback side
     * only while such a part is left, before its next pull. The frame then counts as FEC-recovered, not
     * concealed; an expansion's frame is given up now (its own packet is still missing, a later one is here),
     * so it adds no delay either, and the next pull plays the returned packet, which stays buffered.
     *
     * @return the packet carrying the FEC data, or null (nothing to swap: its successor is not here, or the
     *         frame's own packet came after all and will play)
     */
    public EncodedFrame fecForLastConcealment() {
        synchronized (lock) {
            if (swappable < 0 || state != State.PLAYING) {
                return null;
            }
            long sequence = swappable;
            EncodedFrame next = slots[(int) ((sequence + 1) & MASK)];
            if (next == null || next.sequence() != sequence + 1 || next.payload().length == 0) {
                return null;
            }
            if (swappableIsExpansion) {
                if (nextSequence != sequence || isHere(sequence)) {
                    return null;
                }
                giveUp();
                expanded--;
                expectedTimestamp = next.timestamp();
            } else {
                concealed--;
            }
            recoveredByFec++;
            recoveredAfterConcealing++;
            swappable = -1;
            return next;
        }
    }

    private boolean isHere(long sequence) {
        EncodedFrame frame = slots[(int) (sequence & MASK)];
        return frame != null && frame.sequence() == sequence;
    }

    /**
     * The playout delay of the next frame if it is needed at {@code neededAtNanos}: how long after the
     * fastest possible arrival of that frame (the window's fastest transit) it will be played. Compared with
     * {@link #targetDelayMs()} by the caller on every 10 ms pull. NaN while no spurt plays.
     */
    public double playoutDelayMs(long neededAtNanos) {
        synchronized (lock) {
            if (state != State.PLAYING) {
                return Double.NaN;
            }
            double fastest = estimator.fastestTransitMs();
            return neededAtNanos / 1_000_000.0 - (expectedTimestamp / SAMPLES_PER_MS + fastest);
        }
    }

    /** The delay the playout should steer towards now: measured jitter percentile plus headroom, in ms. */
    public double targetDelayMs() {
        synchronized (lock) {
            return targetDelayMs;
        }
    }

    /** Whether the next pull would play a packet that is already here (so decoding ahead costs no delay). */
    public boolean nextFrameReady() {
        synchronized (lock) {
            if (state != State.PLAYING) {
                return false;
            }
            EncodedFrame frame = slots[(int) (nextSequence & MASK)];
            return frame != null && frame.sequence() == nextSequence && frame.payload().length > 0;
        }
    }

    /**
     * Audio here and playable without a gap, in samples: the frames buffered from the next one on, up to
     * the first missing one. Zero while no spurt plays.
     */
    public int contiguousSamples() {
        synchronized (lock) {
            if (state != State.PLAYING) {
                return 0;
            }
            int frames = 0;
            while (frames < CAPACITY) {
                EncodedFrame frame = slots[(int) ((nextSequence + frames) & MASK)];
                if (frame == null || frame.sequence() != nextSequence + frames) {
                    break;
                }
                frames++;
            }
            return frames * frameSamples;
        }
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
                    expanded, lost - lateAfterGivenUp, (int) Math.round(targetDelayMs), estimator.estimateMs(),
                    buffered, state != State.IDLE, recoveredAfterConcealing);
        }
    }

    private void updateTarget(long nowNanos) {
        if (estimator.samples() < 10) {
            targetUpdatedNanos = nowNanos;
            return;
        }
        double wanted = estimator.estimateMs() + settings.headroomMs();
        wanted = Math.max(settings.minDelayMs(), Math.min(settings.maxDelayMs(), wanted));
        boolean released = estimator.releases() != releasesSeen;
        if (released) {
            // A spike that is over (the stream has been on time since): its delay is not the network's to keep.
            releasesSeen = estimator.releases();
            LOG.debug("Jitter spike over; target {} -> {} ms", Math.round(targetDelayMs), Math.round(wanted));
        }
        if (wanted >= targetDelayMs || targetUpdatedNanos == NO_TIME || released) {
            targetDelayMs = wanted;
        } else {
            double elapsedSeconds = Math.max(0, nowNanos - targetUpdatedNanos) / 1e9;
            targetDelayMs = Math.max(wanted, targetDelayMs - settings.shrinkMsPerSecond() * elapsedSeconds);
        }
        targetUpdatedNanos = nowNanos;
    }

    /** Drops the oldest buffered frames when far more audio waits than time-stretching should absorb. */
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
        long heldMs = (long) ((newest.timestamp() - oldest.timestamp()) / SAMPLES_PER_MS);
        double margin = Math.max(CATCH_UP_MARGIN_MS, 2 * estimator.estimateMs());
        if (heldMs <= targetDelayMs + margin) {
            return;
        }
        long keepFrom = newest.timestamp() - (long) (targetDelayMs * SAMPLES_PER_MS);
        long resumeAt = newest.sequence();
        for (EncodedFrame frame : slots) {
            if (frame != null && frame.timestamp() >= keepFrom && frame.sequence() < resumeAt) {
                resumeAt = frame.sequence();
            }
        }
        LOG.debug("{} ms of audio waiting (target {} ms); skipping from {} to {}", heldMs, targetDelayMs,
                nextSequence, resumeAt);
        skipTo(resumeAt);
        EncodedFrame resume = slots[(int) (resumeAt & MASK)];
        if (resume != null && resume.sequence() == resumeAt) {
            expectedTimestamp = resume.timestamp();
        }
    }

    private boolean startSpurtIfDue(long nowNanos) {
        if (buffered == 0 || spurtFirstArrivalNanos == NO_TIME
                || nowNanos - spurtFirstArrivalNanos < (long) (targetDelayMs * 1_000_000L)) {
            return false;
        }
        long first = lowestBufferedSequence();
        if (hasPlayoutPoint && first > nextSequence && first - nextSequence < RESTART_GAP) {
            // The previous spurt's end and this one's start went missing: the sender numbers packets
            // across spurts, so the gap is frames that never played.
            long missing = first - nextSequence;
            lost += missing;
            for (long s = nextSequence; s < first && s < nextSequence + CAPACITY; s++) {
                givenUp[(int) (s & MASK)] = s;
            }
        }
        nextSequence = first;
        expectedTimestamp = slots[(int) (first & MASK)].timestamp();
        hasPlayoutPoint = true;
        state = State.PLAYING;
        expandingSinceNanos = NO_TIME;
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

    private void giveUp() {
        lost++;
        givenUp[(int) (nextSequence & MASK)] = nextSequence;
        nextSequence++;
        expandingSinceNanos = NO_TIME;
    }

    private void noteFrameLength(EncodedFrame frame) {
        if (frame.sequence() == lastTakenSequence + 1) {
            long length = frame.timestamp() - lastTakenTimestamp;
            if (length > 0 && length <= 2_880) {
                frameSamples = (int) length;
            }
        }
        lastTakenSequence = frame.sequence();
        lastTakenTimestamp = frame.timestamp();
    }

    private void endSpurt(long nowNanos) {
        state = State.IDLE;
        expandingSinceNanos = NO_TIME;
        if (buffered > 0) {
            // The next spurt's packets came in while this one was still playing: its wait starts now.
            beginWaitingSpurt(nowNanos);
        }
    }

    private void beginWaitingSpurt(long firstArrivalNanos) {
        spurtFirstArrivalNanos = firstArrivalNanos;
        spurtId++;
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

    /** Moves the playout point forward, dropping whatever is buffered before it. */
    private void skipTo(long sequence) {
        evictOlderThan(sequence);
        expectedTimestamp += (sequence - nextSequence) * frameSamples;
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
        Arrays.fill(givenUp, -1);
        buffered = 0;
        hasPlayoutPoint = false;
        lastTakenSequence = -1;
        spurtFirstArrivalNanos = NO_TIME;
    }
}
