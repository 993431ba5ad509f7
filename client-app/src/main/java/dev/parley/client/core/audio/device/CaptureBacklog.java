package dev.parley.client.core.audio.device;

/**
 * Decides how much captured audio to throw away so the microphone never runs far behind the moment.
 *
 * <p>Why: a capture line through the ALSA pulse plugin shows only its own small buffer (20 ms), but the
 * sound server keeps everything the reader did not take yet (seconds of it). A reader that falls behind —
 * a cold JVM processing its first chunks slowly, a thread kept off the CPU — later reads that backlog in a
 * burst and the whole stream stays late by it: measured on a loaded machine, the mic test started 0.25 to
 * 1.5 s behind, and the receiving jitter buffer then spent the speech time-compressing the delay away.
 * The line cannot say how much is waiting, so this estimates it from the device's clock: the device
 * produces audio at its rate, so {@code now − delivered / rate} (the <em>lead</em>) is constant while the
 * reader keeps up and grows by exactly the backlog when it does not. Whenever a read leaves the line
 * nearly empty, the reader has caught up and that lead is the reference; the backlog is the lead now minus
 * the reference.
 *
 * <ul>
 *   <li><em>Start</em>: until the reader has once caught up, any read that finds the line full is old
 *       audio; it is discarded, so the stream starts now rather than with whatever piled up while the
 *       engine was still getting going. (Through the pulse plugin a line records from the moment it is
 *       opened, not started: a line opened a second before its capture thread starts holds a second of
 *       old audio, measured.)</li>
 *   <li><em>Afterwards</em>: a backlog up to {@link #MAX_BACKLOG_NANOS} is read and sent as usual (a stall
 *       of the capture thread loses nothing); beyond it the oldest audio is discarded down to
 *       {@link #KEEP_BACKLOG_NANOS}, and counted.</li>
 * </ul>
 * The reference creeps later by {@link #DRIFT_ALLOWANCE} of the elapsed time (a device clock slower than
 * the system clock makes the lead grow by that much without any backlog) and is re-taken at every catch-up.
 *
 * <p>Sans-I/O: the caller reads {@code available()} and the clock and does the reads. Not thread-safe:
 * owned by the capture thread.
 */
final class CaptureBacklog {

    /** Behind by more than this: discard. Below it, a backlog is caught up by reading (nothing lost). */
    static final long MAX_BACKLOG_NANOS = 120_000_000L;
    /** What is kept when discarding: the newest audio, as much as a normal read finds waiting. */
    static final long KEEP_BACKLOG_NANOS = 20_000_000L;
    /** 0.5 %: far more than real devices drift from the system clock (0.01–0.1 %). */
    static final double DRIFT_ALLOWANCE = 0.005;

    private final double bytesPerNano;
    private final int frameSize;
    private final int bufferBytes;
    private final int caughtUpBytes;
    private long deliveredBytes;
    /** The lead (ns) last seen when the reader had caught up; valid once {@link #caughtUp}. */
    private long referenceLead;
    private long referenceNanos;
    private boolean caughtUp;
    private boolean cutting;
    private long discardedBytes;
    private long skippedAtStartBytes;
    private long maxBacklogNanos;

    /**
     * @param bytesPerSecond the line's byte rate
     * @param frameSize      bytes per frame (discards are whole frames)
     * @param bufferBytes    the line's buffer as opened: {@code available()} at (about) this means "full,
     *                       maybe more waiting behind it"
     * @param chunkBytes     about 10 ms in the line's format: a read that leaves less has caught up
     */
    CaptureBacklog(int bytesPerSecond, int frameSize, int bufferBytes, int chunkBytes) {
        this.bytesPerNano = bytesPerSecond / 1e9;
        this.frameSize = frameSize;
        this.bufferBytes = bufferBytes;
        this.caughtUpBytes = chunkBytes;
    }

    /**
     * Before a read: how many of the {@code available} bytes to throw away unread (a multiple of the frame
     * size, at most {@code available}). Call {@link #discarded} with what was really thrown away.
     */
    int toDiscard(int available, long nowNanos) {
        // Within half a period of the buffer: the pulse plugin reports a full 1,920-byte line as 1,918.
        boolean full = available >= bufferBytes - caughtUpBytes / 2;
        if (!caughtUp) {
            return full ? available - available % frameSize : 0;
        }
        long backlog = backlogNanos(nowNanos);
        maxBacklogNanos = Math.max(maxBacklogNanos, backlog);
        // Once over the bound, cut all the way down to what a normal read finds (one clean cut, not a cut
        // to the bound followed by a burst of old audio).
        cutting = full && (cutting ? backlog > KEEP_BACKLOG_NANOS : backlog > MAX_BACKLOG_NANOS);
        if (!cutting) {
            return 0;
        }
        long excess = Math.round((backlog - KEEP_BACKLOG_NANOS) * bytesPerNano);
        int discard = (int) Math.min(available, excess);
        return discard - discard % frameSize;
    }

    /** {@code bytes} were thrown away unread: they count as delivered (the device did produce them). */
    void discarded(int bytes) {
        deliveredBytes += bytes;
        if (caughtUp) {
            discardedBytes += bytes;
        } else {
            skippedAtStartBytes += bytes;
        }
    }

    /** Whether the reader has caught up with the device at least once (the start is over). */
    boolean started() {
        return caughtUp;
    }

    /** After a read of {@code bytes}, with what the line still holds then. */
    void read(int bytes, int availableAfter, long nowNanos) {
        deliveredBytes += bytes;
        if (availableAfter < caughtUpBytes) {
            long lead = lead(nowNanos);
            // The first catch-up sets the reference; later ones move it to the earliest lead seen since the
            // last (scheduling only ever makes a lead later), allowing for the device's drift.
            if (!caughtUp || lead < creptReference(nowNanos)) {
                referenceLead = lead;
                referenceNanos = nowNanos;
            }
            caughtUp = true;
        }
    }

    /** How far behind the device the reader is now (0 before it has caught up once). */
    long backlogNanos(long nowNanos) {
        return caughtUp ? Math.max(0, lead(nowNanos) - creptReference(nowNanos)) : 0;
    }

    /** Audio discarded after the start because the reader was too far behind: lost to the listeners. */
    long discardedMillis() {
        return Math.round(discardedBytes / bytesPerNano / 1e6);
    }

    /** Old audio skipped at the start, before the reader first caught up (nobody was listening to it yet). */
    long skippedAtStartMillis() {
        return Math.round(skippedAtStartBytes / bytesPerNano / 1e6);
    }

    /** The largest backlog seen, for the log. */
    long maxBacklogMillis() {
        return maxBacklogNanos / 1_000_000L;
    }

    private long lead(long nowNanos) {
        return nowNanos - Math.round(deliveredBytes / bytesPerNano);
    }

    private long creptReference(long nowNanos) {
        return referenceLead + Math.round((nowNanos - referenceNanos) * DRIFT_ALLOWANCE);
    }
}
