package dev.parley.client.core.voice.receive;

import dev.parley.client.core.voice.EncodedFrame;
import dev.parley.client.core.voice.codec.FrameDecoder;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceDecoder;
import dev.parley.client.core.voice.jitter.JitterBuffer;
import dev.parley.client.core.voice.jitter.JitterSettings;
import dev.parley.client.core.voice.jitter.Playout;
import dev.parley.client.core.voice.jitter.SequenceUnwrapper;
import dev.parley.client.core.voice.mix.MixSource;
import java.util.Arrays;

/**
 * The receive pipeline of one speaker: jitter buffer, Opus decoder (FEC for a single lost packet,
 * PLC beyond), a queue of decoded audio, and NetEQ-style delay control on every pull (5 or 10 ms): the playout
 * delay of the next frame ({@link JitterBuffer#playoutDelayMs}) is compared with the jitter buffer's
 * target, and one pitch period is cut out of the queued audio (accelerate) when above it, or repeated
 * (stretch) when below, by {@link TimeStretcher} — while someone talks, inaudibly. An open microphone
 * thus settles at the delay the network needs and follows it as it changes, and clock drift between
 * sender and listener is absorbed the same way.
 * <p>
 * Thread-safe in the one way it is used: {@link #offer} from the network thread, {@link #read} and
 * everything else from the playback thread; {@link #stats()} and {@link #isTalking()} from any thread.
 * {@link #read} allocates nothing apart from the jitter buffer's small {@link Playout} per frame.
 */
public final class SpeakerStream implements MixSource {

    /** The longest pull: 10 ms, the capture chunk. The playback loop pulls 5 ms where it keeps time itself. */
    private static final int MAX_PULL = OpusSettings.CHUNK_SAMPLES;
    private static final int CHUNK = OpusSettings.CHUNK_SAMPLES;
    /** Room for a decoded look-ahead (up to 60 ms frames) plus a stretch, and space to compact lazily. */
    private static final int QUEUE_CAPACITY = 4 * OpusSettings.MAX_FRAME_SAMPLES + 4 * CHUNK;
    /** Decode ahead (only frames already here) until this much is queued, so a period can be found. */
    private static final int LOOK_AHEAD = 3 * CHUNK;
    private static final double SAMPLES_PER_MS = OpusSettings.SAMPLES_PER_MILLI;
    /**
     * How long the lowest buffer level is remembered (200 ms), in samples: audio is cut only if it was really
     * there all along, never merely because packets came late (a sender whose capture stalls, a reference
     * transit time gone stale).
     */
    private static final int LEVEL_WINDOW_SAMPLES = 200 * OpusSettings.SAMPLES_PER_MILLI;
    /** The level ring: 200 ms of the shortest pull the stream takes, 5 ms. */
    private static final int LEVEL_RING = LEVEL_WINDOW_SAMPLES / (MAX_PULL / 2);
    /** Less concealment than this left unplayed (2.5 ms) is not worth swapping for FEC audio. */
    private static final int SWAP_MIN = 120;
    /** Crossfade from the concealment into the FEC audio (2.5 ms): both continue the same speech. */
    private static final int SWAP_FADE = 120;

    private final int speakerId;
    private final JitterBuffer jitter;
    private final FrameDecoder decoder;
    private final TimeStretcher stretcher = new TimeStretcher();
    private final SequenceUnwrapper sequences = new SequenceUnwrapper();
    private final SequenceUnwrapper timestamps = new SequenceUnwrapper();
    private final short[] frame = new short[OpusSettings.MAX_FRAME_SAMPLES];
    /** Decoded audio not played yet: {@code queue[head, tail)}. */
    private final short[] queue = new short[QUEUE_CAPACITY];
    private int head;
    private int tail;
    /** Buffer level at the start of each recent pull plus {@link #netRemoved} at that time; a ring. */
    private final long[] levels = new long[LEVEL_RING];
    private int levelCount;
    private int levelHead;
    /** Pulls the level window spans at the current pull length (200 ms of them). */
    private int levelWindow = LEVEL_RING;
    /** Samples cut minus samples added (stretch, expand) so far: makes old levels comparable with now. */
    private long netRemoved;
    private int pullsSinceExpand = LEVEL_RING;
    /** Samples the last expansion added (undone in the level bookkeeping if it turns out to cover a loss). */
    private int lastExpandLength;
    /**
     * Length of the concealment appended last to the queue, while it is the queue's end and FEC audio may still
     * replace what of it is not played yet (its frame's successor came late); 0 otherwise.
     */
    private int swappableLength;
    private boolean swappableIsExpansion;
    private final short[] recovered = new short[OpusSettings.MAX_FRAME_SAMPLES];
    private volatile long lastOfferNanos;

    // Written only by the playback thread; volatile so stats() may read them from elsewhere.
    private volatile long decodedFrames;
    private volatile long fecFrames;
    private volatile long concealedFrames;
    private volatile long expandedFrames;
    private volatile long fadeOuts;
    private volatile long accelerations;
    private volatile long acceleratedSamples;
    private volatile long stretches;
    private volatile long stretchedSamples;

    public SpeakerStream(int speakerId, JitterSettings settings, long createdNanos) {
        this(speakerId, settings, createdNanos, new VoiceDecoder());
    }

    SpeakerStream(int speakerId, JitterSettings settings, long createdNanos, FrameDecoder decoder) {
        this.speakerId = speakerId;
        this.jitter = new JitterBuffer(settings);
        this.decoder = decoder;
        this.lastOfferNanos = createdNanos;
    }

    @Override
    public int speakerId() {
        return speakerId;
    }

    /** Hands over a packet that arrived at {@code nowNanos}; network thread. */
    public boolean offer(EncodedFrame packet, long nowNanos) {
        lastOfferNanos = nowNanos;
        return jitter.offer(packet, nowNanos);
    }

    /**
     * Hands over a packet as it came off the wire, with its 32-bit wrapping sequence and timestamp;
     * network thread.
     */
    public boolean offerWire(int sequence, int timestamp, boolean endOfTalk, byte[] payload, long nowNanos) {
        EncodedFrame frame = new EncodedFrame(sequences.unwrap(sequence), timestamps.unwrap(timestamp), endOfTalk,
                payload);
        return offer(frame, nowNanos);
    }

    /**
     * Fills {@code chunk} (a pull: 5 or 10 ms, at most {@link OpusSettings#CHUNK_SAMPLES} samples; the same
     * length on every call) with this speaker's audio for the slot starting at {@code nowNanos}; playback thread.
     *
     * @return true if the chunk carries audio, false if the speaker is silent (chunk is zeros)
     */
    @Override
    public boolean read(short[] chunk, long nowNanos) {
        int pull = chunk.length;
        if (pull < MAX_PULL / 2 || pull > MAX_PULL) {
            throw new IllegalArgumentException("a pull is 240 to 480 samples (5 to 10 ms), was " + pull);
        }
        levelWindow = Math.max(1, Math.min(LEVEL_RING, LEVEL_WINDOW_SAMPLES / pull));
        swapConcealmentForFec();
        noteLevel();
        while (queued() < pull && nextFrame(nowNanos)) {
            // decode until a pull's worth is queued or the speaker is silent
        }
        if (queued() == 0) {
            Arrays.fill(chunk, (short) 0);
            return false;
        }
        if (queued() >= pull) {
            steerDelay(nowNanos, pull);
        }
        int n = Math.min(pull, queued());
        System.arraycopy(queue, head, chunk, 0, n);
        Arrays.fill(chunk, n, chunk.length, (short) 0);
        head += n;
        return true;
    }

    /** Whether a talk spurt is being played out now (the mixer's "is talking" light). */
    @Override
    public boolean isTalking() {
        return jitter.isTalking();
    }

    public long lastOfferNanos() {
        return lastOfferNanos;
    }

    public ReceiveStats stats() {
        return new ReceiveStats(decodedFrames, fecFrames, concealedFrames, expandedFrames, fadeOuts,
                decoder.corruptPackets(), accelerations, acceleratedSamples / SAMPLES_PER_MS, stretches,
                stretchedSamples / SAMPLES_PER_MS, jitter.stats());
    }

    /**
     * One NetEQ-style decision per pull. The next frame will be needed once the queue runs below a pull;
     * its playout delay then, compared with the target, says whether to cut or repeat a period. Queued
     * samples beyond a whole number of pulls only add latency, so cutting them is always allowed. The pull
     * is the grain of the delay: a frame starts at a pull, so the delay lands up to a pull above the target,
     * which is why the playback loop pulls 5 ms where it can.
     */
    private void steerDelay(long nowNanos, int pull) {
        double target = jitter.targetDelayMs();
        double pullMs = pull / SAMPLES_PER_MS;
        double delay = jitter.playoutDelayMs(nowNanos + pullNanos(queued() / pull, pull));
        if (Double.isNaN(delay)) {
            return;
        }
        if (delay >= target) {
            // Whole chunks may go only if they are more than the target asks for AND were there all along.
            // Not while the buffer has recently run dry: the queue then holds concealment, not buffered
            // audio, and the delay only looks large because packets come late (a starved sender); cutting
            // would make the next underrun come sooner, and the two would chase each other.
            double spareMs = pullsSinceExpand < levelWindow ? 0
                    : Math.min(delay - target, (lowestLevel() - pull) / SAMPLES_PER_MS);
            int removable = queued() % pull + pull * (int) Math.max(0, Math.floor(spareMs / pullMs));
            if (removable < TimeStretcher.MIN_LAG) {
                return;
            }
            while (queued() < LOOK_AHEAD && jitter.nextFrameReady() && nextFrame(nowNanos)) {
                // decoding a frame that is already here changes neither the delay nor the removable part
            }
            int removed = stretcher.accelerate(queue, head, queued(), removable);
            if (removed > 0) {
                tail -= removed;
                accelerations++;
                acceleratedSamples += removed;
                netRemoved += removed;
            }
        } else {
            compact(TimeStretcher.MAX_LAG);
            int inserted = stretcher.stretch(queue, head, queued(), TimeStretcher.MAX_LAG);
            if (inserted > 0) {
                tail += inserted;
                stretches++;
                stretchedSamples += inserted;
                netRemoved -= inserted;
            }
        }
    }

    /**
     * The playout delay the controller steers (how long after its fastest possible arrival the next frame
     * plays), for the slot starting at {@code nowNanos} with pulls of {@code pull} samples; NaN while silent.
     * Playback thread (tests, diagnostics).
     */
    double playoutDelayMs(long nowNanos, int pull) {
        return jitter.playoutDelayMs(nowNanos + pullNanos(queued() / pull, pull)) + (queued() % pull) / SAMPLES_PER_MS;
    }

    private static long pullNanos(int pulls, int pull) {
        return pulls * (pull * 1_000_000_000L / OpusSettings.SAMPLE_RATE);
    }

    /** Pulls the next frame from the jitter buffer and appends its audio to the queue; false if silent. */
    private boolean nextFrame(long nowNanos) {
        Playout playout = jitter.pull(nowNanos);
        swappableLength = 0;
        if (playout.expansionWasLoss()) {
            // The last expansion turned out to stand in for a lost frame: concealment, not added delay.
            expandedFrames--;
            concealedFrames++;
            netRemoved += lastExpandLength;
        }
        int length;
        switch (playout.action()) {
            case PLAY -> {
                length = decoder.decode(playout.frame().payload(), frame);
                decodedFrames++;
            }
            case RECOVER -> {
                length = decoder.decodeFec(playout.frame().payload(), frame);
                fecFrames++;
            }
            case CONCEAL -> {
                length = decoder.conceal(frame);
                concealedFrames++;
            }
            case EXPAND -> {
                length = decoder.conceal(frame);
                expandedFrames++;
                netRemoved -= length;
                lastExpandLength = length;
                pullsSinceExpand = 0;
            }
            case FADE_OUT -> {
                length = decoder.conceal(frame);
                fadeOut(frame, length);
                fadeOuts++;
            }
            default -> {
                return false;
            }
        }
        if (length <= 0) {
            return false;
        }
        compact(length);
        System.arraycopy(frame, 0, queue, tail, length);
        tail += length;
        if (playout.action() == Playout.Action.CONCEAL || playout.action() == Playout.Action.EXPAND) {
            swappableLength = length;
            swappableIsExpansion = playout.action() == Playout.Action.EXPAND;
        }
        return true;
    }

    /**
     * When the packet carrying a lost frame's FEC data comes while that frame's concealment is still queued
     * (20 ms frames play out over two pulls: the loss was decided at the first, the packet came before the
     * second), the part not yet played is replaced by the same stretch of the FEC-decoded frame, crossfaded in.
     * Real audio instead of invented audio, without waiting (NetEQ would expand and merge, adding delay); the
     * decoder, having decoded the FEC frame, then continues into the next packet as after any FEC recovery.
     */
    private void swapConcealmentForFec() {
        int left = Math.min(queued(), swappableLength);
        if (left < SWAP_MIN) {
            return;
        }
        EncodedFrame carrier = jitter.fecForLastConcealment();
        if (carrier == null) {
            return;
        }
        swappableLength = 0;
        int length = decoder.decodeFec(carrier.payload(), recovered);
        int n = Math.min(left, length);
        int start = tail - n;
        int from = length - n;
        int fade = Math.min(SWAP_FADE, n);
        for (int i = 0; i < n; i++) {
            short fec = recovered[from + i];
            if (i < fade) {
                double w = (i + 0.5) / fade;
                queue[start + i] = (short) Math.round((1 - w) * queue[start + i] + w * fec);
            } else {
                queue[start + i] = fec;
            }
        }
        fecFrames++;
        if (swappableIsExpansion) {
            expandedFrames--;
            netRemoved += lastExpandLength;
        } else {
            concealedFrames--;
        }
    }

    /** Records the audio queued and buffered at the start of this pull; forgets the history while silent. */
    private void noteLevel() {
        if (!jitter.isTalking()) {
            levelCount = 0;
            return;
        }
        if (pullsSinceExpand < levelWindow) {
            pullsSinceExpand++;
        }
        long level = queued() + jitter.contiguousSamples();
        levels[levelHead] = level + netRemoved;
        levelHead = (levelHead + 1) % LEVEL_RING;
        levelCount = Math.min(levelCount + 1, LEVEL_RING);
    }

    /** The lowest level of the window, as it would have been with today's cuts and additions, in samples. */
    private long lowestLevel() {
        if (levelCount == 0) {
            return 0;
        }
        long lowest = Long.MAX_VALUE;
        for (int i = 0, n = Math.min(levelCount, levelWindow); i < n; i++) {
            lowest = Math.min(lowest, levels[(levelHead - 1 - i + LEVEL_RING) % LEVEL_RING]);
        }
        return lowest - netRemoved;
    }

    private int queued() {
        return tail - head;
    }

    /** Moves the queued audio to the front if fewer than {@code room} samples are free behind it. */
    private void compact(int room) {
        if (tail + room <= queue.length) {
            return;
        }
        int n = queued();
        System.arraycopy(queue, head, queue, 0, n);
        head = 0;
        tail = n;
        if (tail + room > queue.length) {
            // Cannot happen while read() keeps the queue short; drop the oldest rather than overflow.
            int drop = tail + room - queue.length;
            System.arraycopy(queue, drop, queue, 0, n - drop);
            tail -= drop;
        }
    }

    /** Ramps the concealed continuation down to zero so a spurt ends without a click. */
    private static void fadeOut(short[] pcm, int length) {
        if (length < 2) {
            Arrays.fill(pcm, 0, length, (short) 0);
            return;
        }
        for (int i = 0; i < length; i++) {
            pcm[i] = (short) (pcm[i] * (length - 1 - i) / (length - 1));
        }
    }
}
