package dev.parley.client.core.voice.playback;

import dev.parley.client.core.voice.MonotonicClock;
import dev.parley.client.core.voice.mix.Mixer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playback thread ("parley-playback"): every 10 ms it mixes one chunk and writes it to the output
 * sink, then hands the same chunk to the echo reference (the echo canceller's reverse stream).
 * Paced by absolute deadlines so timing errors do not accumulate; after a long stall it skips ahead
 * instead of bursting. Thread-safe: start/close from any thread.
 */
public final class PlaybackLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybackLoop.class);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Further behind than this and the loop resynchronises rather than catching up in a burst. */
    private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Mixer mixer;
    private final PcmSink output;
    private final PcmSink echoReference;
    private final MonotonicClock clock;
    private final short[] chunk = new short[Mixer.CHUNK_SAMPLES];
    private volatile boolean running;
    private volatile long chunksPlayed;
    private volatile long resyncs;
    private Thread thread;

    /**
     * @param echoReference receives every chunk after the output (e.g. the echo canceller); may be a no-op
     */
    public PlaybackLoop(Mixer mixer, PcmSink output, PcmSink echoReference, MonotonicClock clock) {
        this.mixer = mixer;
        this.output = output;
        this.echoReference = echoReference;
        this.clock = clock;
    }

    public PlaybackLoop(Mixer mixer, PcmSink output) {
        this(mixer, output, chunk -> { }, MonotonicClock.system());
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("playback loop already started");
        }
        running = true;
        thread = new Thread(this::run, "parley-playback");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Stops the loop and waits for the thread to end. */
    @Override
    public synchronized void close() {
        running = false;
        if (thread == null) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    public long chunksPlayed() {
        return chunksPlayed;
    }

    /** How often the loop fell too far behind and skipped ahead. */
    public long resyncs() {
        return resyncs;
    }

    private void run() {
        long deadline = clock.nanoTime();
        long failures = 0;
        while (running) {
            long now = clock.nanoTime();
            if (now < deadline) {
                LockSupport.parkNanos(deadline - now);
                continue;
            }
            if (now - deadline > MAX_LAG_NANOS) {
                resyncs++;
                LOG.debug("Playback fell {} ms behind; resynchronising", (now - deadline) / 1_000_000);
                deadline = now;
            }
            try {
                mixer.mix(chunk, deadline);
                output.write(chunk);
                echoReference.write(chunk);
                chunksPlayed++;
            } catch (RuntimeException e) {
                // Loop boundary: one bad chunk must not silence everyone for the rest of the session.
                if (failures++ % 1_000 == 0) {
                    LOG.warn("Playback chunk failed ({} so far)", failures, e);
                }
            }
            deadline += TICK_NANOS;
        }
        LOG.debug("Playback loop stopped after {} chunks", chunksPlayed);
    }
}
