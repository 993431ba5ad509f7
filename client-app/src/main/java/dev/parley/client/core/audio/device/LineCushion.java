package dev.parley.client.core.audio.device;

/**
 * Decides, from what a playback line reports, when to hand it the next 10 ms of audio: keep a small
 * cushion queued (enough to ride over scheduling hiccups, small for latency), notice when the line ran
 * dry, and refill it before playing on. Sans-I/O: the caller reads {@code available()} and the clock and
 * does the waiting and writing ({@link JavaSoundOutput}).
 *
 * <p>Why refill: through the ALSA pulse plugin an underrun (an ALSA "xrun") makes the plugin destroy
 * and re-create its PulseAudio stream on the next write; a line fed one chunk at real-time pace after
 * that never builds a cushion again and runs dry on every chunk (measured: 100 re-creations a second).
 * After an xrun Java Sound's {@code available()} reports 0 — the same as a full buffer — so an xrun is
 * recognised by the time since the last write: a line that should have played out is not full.
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
     * A line that takes nothing for this long is stuck (device gone or wedged). Not shorter: a
     * PulseAudio sink with nothing else playing may not pull a new stream for up to about 2 s, and
     * re-opening a healthy line costs a gap of its own.
     */
    static final long STUCK_NANOS = 3_000_000_000L;
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
    private long queuedAtLastWrite;
    private int availableAtLastWrite = -1;
    private long lastWriteNanos;
    private long lastProgressNanos;
    private int lastAvailable = -1;
    private long lastUnderrunNanos;
    private long underruns;
    private long refillChunks;

    /**
     * @param bufferBytes  the line's buffer as opened
     * @param chunkBytes   one 10 ms chunk in the line's format
     * @param bytesPerSecond the line's byte rate
     */
    LineCushion(int bufferBytes, int chunkBytes, int bytesPerSecond, long nowNanos) {
        if (bufferBytes < 3 * chunkBytes) {
            throw new IllegalArgumentException("a line buffer of " + bufferBytes + " bytes cannot hold a cushion");
        }
        this.bufferBytes = bufferBytes;
        this.chunkBytes = chunkBytes;
        this.bytesPerNano = bytesPerSecond / 1e9;
        this.lastWriteNanos = nowNanos;
        this.lastProgressNanos = nowNanos;
        this.lastUnderrunNanos = nowNanos;
    }

    /** Bytes of silence to write before starting the line, so it starts with its cushion (no underrun at once). */
    int primeBytes() {
        return cushionBytes();
    }

    Decision decide(int available, long nowNanos) {
        int queued = bufferBytes - available;
        if (available > lastAvailable) {
            // The device took audio (our own writes only ever lower available()).
            lastProgressNanos = nowNanos;
        }
        lastAvailable = available;
        long shouldBeQueued = queuedAtLastWrite - Math.round((nowNanos - lastWriteNanos) * bytesPerNano);
        boolean xrun = available == 0 && shouldBeQueued < bufferBytes - 2L * chunkBytes;
        boolean ranDry = queued <= 0;
        if (xrun || ranDry) {
            underruns++;
            lastUnderrunNanos = nowNanos;
            cushionMillis = Math.min(MAX_CUSHION_MILLIS, cushionMillis + STEP_MILLIS);
            // Fill the line (one chunk short of full, so no write blocks): the re-created stream
            // starts at once and the cushion is back; the loop then waits for it to play down.
            int chunks = Math.max(1, bufferBytes / chunkBytes - 1);
            refillChunks += chunks - 1;
            return new Decision(Decision.Kind.REFILL, chunks, 0);
        }
        if (shouldBeQueued < -chunkBytes && available != availableAtLastWrite) {
            // Played out more than a chunk ago without the line noticing (the sound server bridged the gap
            // with silence, the stream lives on): an audible gap all the same, so count it and widen the cushion.
            underruns++;
            lastUnderrunNanos = nowNanos;
            cushionMillis = Math.min(MAX_CUSHION_MILLIS, cushionMillis + STEP_MILLIS);
            queuedAtLastWrite = bufferBytes - available;
            availableAtLastWrite = available;
            lastWriteNanos = nowNanos;
        }
        if (nowNanos - lastUnderrunNanos > CALM_NANOS && cushionMillis > START_CUSHION_MILLIS) {
            cushionMillis -= STEP_MILLIS / 2;
            lastUnderrunNanos = nowNanos;
        }
        int cushion = cushionBytes();
        if (queued <= cushion) {
            int room = Math.min(available / chunkBytes, (cushion - queued) / chunkBytes + 1);
            return new Decision(Decision.Kind.WRITE, Math.max(1, room), 0);
        }
        if (nowNanos - lastProgressNanos > STUCK_NANOS) {
            return new Decision(Decision.Kind.STUCK, 0, 0);
        }
        long wait = Math.round((queued - cushion) / bytesPerNano);
        return new Decision(Decision.Kind.WAIT, 0, Math.max(MIN_WAIT_NANOS, Math.min(MAX_WAIT_NANOS, wait)));
    }

    /** Call after writing, with what the line reports then. */
    void written(int availableAfter, long nowNanos) {
        queuedAtLastWrite = bufferBytes - availableAfter;
        availableAtLastWrite = availableAfter;
        lastWriteNanos = nowNanos;
        lastAvailable = availableAfter;
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

    private int cushionBytes() {
        int bytes = (int) Math.round(cushionMillis * 1e6 * bytesPerNano);
        return Math.min(bytes - bytes % chunkBytes, bufferBytes - 2 * chunkBytes);
    }
}
