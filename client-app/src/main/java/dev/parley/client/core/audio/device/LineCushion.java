package dev.parley.client.core.audio.device;

/**
 * Decides, from what a playback line reports, when to hand it the next 10 ms of audio: keep a small
 * cushion queued (enough to ride over scheduling hiccups, small for latency), notice when the line ran
 * dry, and refill it before playing on. Sans-I/O: the caller reads {@code available()}, the play position
 * and the clock, and does the waiting and writing ({@link JavaSoundOutput}).
 *
 * <p>What a line through the ALSA pulse plugin does (measured on PulseAudio 16): its position and
 * {@code available()} move in steps of one period (20 ms); after the stream ran dry the server plays
 * nothing more until the stream holds its pre-buffer again (the plugin asks for buffer minus one period),
 * while the line keeps reporting the same queue, position frozen; a new or refilled stream on an idle
 * sink may be held for over a second before it plays at all, reporting a full or constant queue
 * meanwhile. So the two stalls must be told apart:
 * <ul>
 *   <li><em>not started</em>: the position has not moved since the line was opened or refilled. Nothing
 *       is lost by waiting; refilling or writing more would only overflow the line. Wait (keeping just the
 *       cushion queued), and call the line stuck after {@link #STUCK_NANOS}.</li>
 *   <li><em>ran dry</em>: the position moved since then, and has now stood still for longer than the
 *       queue it reports would take to play (plus {@link #DRY_MARGIN_NANOS} for the period-sized steps), or
 *       the queue is empty. Fill every free byte of the line so the server's pre-buffer is met and the
 *       stream restarts at once, then wait for it to play down to the cushion.</li>
 * </ul>
 *
 * <p>The cushion adapts to the device: every underrun adds {@link #STEP_MILLIS} (up to
 * {@link #MAX_CUSHION_MILLIS}); {@link #CALM_NANOS} without one takes a step back (down to the start value).
 *
 * <p>Not thread-safe: owned by the playback thread.
 */
final class LineCushion {

    static final int START_CUSHION_MILLIS = 30;
    static final int STEP_MILLIS = 10;
    static final int MAX_CUSHION_MILLIS = 60;
    static final long CALM_NANOS = 20_000_000_000L;
    /**
     * A line whose position has not moved for this long is stuck (device gone or wedged). Not shorter: a
     * PulseAudio sink with nothing else playing may hold a new stream for up to about 2 s, and re-opening
     * a healthy line costs a gap of its own.
     */
    static final long STUCK_NANOS = 3_000_000_000L;
    /**
     * How much longer than its reported queue a started line may stand still before it counts as dry: the
     * position moves in period steps (20 ms through the pulse plugin) and the plugin's idea of it can lag
     * its own thread by a scheduling slice or two.
     */
    static final long DRY_MARGIN_NANOS = 40_000_000L;
    private static final long MIN_WAIT_NANOS = 500_000L;
    private static final long MAX_WAIT_NANOS = 5_000_000L;

    /** What to do now. {@code chunks} for WRITE/REFILL, {@code waitNanos} for WAIT. */
    record Decision(Kind kind, int chunks, long waitNanos) {
        enum Kind { WRITE, REFILL, WAIT, STUCK }
    }

    private final int bufferBytes;
    private final int chunkBytes;
    private final double bytesPerNano;
    private int cushionMillis = START_CUSHION_MILLIS;
    private long lastPlayed;
    private long lastProgressNanos;
    /** Whether the position moved since the line was opened or last refilled. */
    private boolean started;
    private long lastUnderrunNanos;
    private long underruns;
    private long refillChunks;
    private long heldNanos;

    /**
     * @param bufferBytes    the line's buffer as opened
     * @param chunkBytes     one 10 ms chunk in the line's format
     * @param bytesPerSecond the line's byte rate
     * @param playedBytes    the line's play position (bytes) now, before priming
     */
    LineCushion(int bufferBytes, int chunkBytes, int bytesPerSecond, long playedBytes, long nowNanos) {
        if (bufferBytes < 3 * chunkBytes) {
            throw new IllegalArgumentException("a line buffer of " + bufferBytes + " bytes cannot hold a cushion");
        }
        this.bufferBytes = bufferBytes;
        this.chunkBytes = chunkBytes;
        this.bytesPerNano = bytesPerSecond / 1e9;
        this.lastPlayed = playedBytes;
        this.lastProgressNanos = nowNanos;
        this.lastUnderrunNanos = nowNanos;
    }

    /**
     * Bytes of silence to write before starting the line: the largest cushion, so the first writes do not
     * find it dry while the JVM is still warming up the playback path (measured on a loaded machine: a
     * 35 ms gap 250 ms after start with only the 30 ms cushion primed). The loop then waits for it to play
     * down to the cushion before it pulls audio, so this delays the start, not every chunk after it.
     */
    int primeBytes() {
        int bytes = (int) Math.round(MAX_CUSHION_MILLIS * 1e6 * bytesPerNano);
        return Math.min(bytes - bytes % chunkBytes, bufferBytes - 2 * chunkBytes);
    }

    /**
     * @param available   what the line's {@code available()} reports now
     * @param playedBytes the line's play position in bytes now ({@code getLongFramePosition() * frameSize})
     */
    Decision decide(int available, long playedBytes, long nowNanos) {
        int queued = Math.max(0, bufferBytes - available);
        if (playedBytes > lastPlayed) {
            lastPlayed = playedBytes;
            lastProgressNanos = nowNanos;
            started = true;
        }
        long stillFor = nowNanos - lastProgressNanos;
        if (!started) {
            // Opened or refilled and not yet played from: the server holds the stream. Waiting loses nothing.
            if (stillFor > STUCK_NANOS) {
                return new Decision(Decision.Kind.STUCK, 0, 0);
            }
            heldNanos = stillFor;
            return writeOrWait(available, queued);
        }
        boolean dry = queued == 0 || stillFor > Math.round(queued / bytesPerNano) + DRY_MARGIN_NANOS;
        if (dry && available >= chunkBytes) {
            underruns++;
            lastUnderrunNanos = nowNanos;
            cushionMillis = Math.min(MAX_CUSHION_MILLIS, cushionMillis + STEP_MILLIS);
            // Fill the line but one chunk (the plugin's re-created stream may offer a little less room):
            // the server restarts a dry stream only once its pre-buffer (buffer minus a period) is there.
            int chunks = Math.max(1, available / chunkBytes - 1);
            refillChunks += chunks - 1;
            started = false;
            lastProgressNanos = nowNanos;
            return new Decision(Decision.Kind.REFILL, chunks, 0);
        }
        if (dry && stillFor > STUCK_NANOS) {
            return new Decision(Decision.Kind.STUCK, 0, 0);
        }
        if (nowNanos - lastUnderrunNanos > CALM_NANOS && cushionMillis > START_CUSHION_MILLIS) {
            cushionMillis -= STEP_MILLIS / 2;
            lastUnderrunNanos = nowNanos;
        }
        return writeOrWait(available, queued);
    }

    /**
     * Call right before writing a chunk, with what {@code available()} reports then. An empty line that had
     * started is an underrun the write itself is about to end (Java Sound reads a line in the xrun state as
     * empty and restarts it on the write): counted and the cushion widened, no refill needed.
     */
    void beforeWrite(int available, long nowNanos) {
        if (started && available >= bufferBytes) {
            underruns++;
            lastUnderrunNanos = nowNanos;
            cushionMillis = Math.min(MAX_CUSHION_MILLIS, cushionMillis + STEP_MILLIS);
        }
    }

    private Decision writeOrWait(int available, int queued) {
        int cushion = cushionBytes();
        if (queued <= cushion && available >= chunkBytes) {
            int room = Math.min(available / chunkBytes, (cushion - queued) / chunkBytes + 1);
            return new Decision(Decision.Kind.WRITE, Math.max(1, room), 0);
        }
        long wait = Math.round(Math.max(0, queued - cushion) / bytesPerNano);
        return new Decision(Decision.Kind.WAIT, 0, Math.max(MIN_WAIT_NANOS, Math.min(MAX_WAIT_NANOS, wait)));
    }

    int cushionMillis() {
        return cushionMillis;
    }

    long underruns() {
        return underruns;
    }

    long refillChunks() {
        return refillChunks;
    }

    /** How long the line has been held before it started, as last seen (0 once it plays). */
    long heldNanos() {
        return started ? 0 : heldNanos;
    }

    private int cushionBytes() {
        int bytes = (int) Math.round(cushionMillis * 1e6 * bytesPerNano);
        return Math.min(bytes - bytes % chunkBytes, bufferBytes - 2 * chunkBytes);
    }
}
