package dev.parley.client.core.voice.playback;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.voice.MonotonicClock;
import dev.parley.client.core.voice.mix.Mixer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playback thread ("parley-playback"): mixes one chunk, writes it to the output, then hands the same
 * audio to the echo reference (the echo canceller's reverse stream) in 10 ms chunks.
 *
 * <p>Two ways to keep time. With an output that keeps time itself ({@link AudioOutput#pacedByDevice()}:
 * a sound card) the device clock rules: the loop pulls the mixer — and so every jitter buffer — exactly
 * as often as the device asks ({@link AudioOutput#awaitDemand()}), several chunks at once after an
 * underrun to rebuild the device's cushion; there is no system-clock schedule to fall behind, so nothing
 * is skipped after a stall. Each chunk pulled that way is stamped with its slot on the device's steady
 * 10 ms grid ({@link DeviceSlotClock}), not with the moment of the pull: a device takes audio in bursts of
 * a period, and the jitter buffers' time-stretching must not chase those. With any other sink (a file, a test,
 * no speaker) the loop keeps its own schedule of absolute deadlines every {@value #DEFAULT_PULL_MILLIS} ms,
 * makes up for a stall of up to a second in a burst, and after a longer one skips ahead (a resync).
 *
 * <p>Why 5 ms pulls where the loop keeps time: a speaker's next frame starts at a pull, so a frame that is
 * ready just after one waits for the next; the pull is the grain of the playout delay, half a pull on average.
 * A device-paced loop pulls 10 ms chunks: the device's own period sets its grain there.
 *
 * <p>Device trouble is logged at WARN at most every {@link #LOG_EVERY_NANOS} with what happened since.
 * Thread-safe: start/close from any thread; counters from any thread.
 */
public final class PlaybackLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybackLoop.class);
    /** The clock-paced pull; {@code -Dparley.playback.pullMillis=10} restores 10 ms (for comparisons). */
    static final int DEFAULT_PULL_MILLIS = 5;
    private static final int SAMPLES_PER_MILLI = Mixer.CHUNK_SAMPLES / 10;
    /**
     * Further behind than this and the clock-paced loop resynchronises rather than catching up in a burst.
     * A file or test sink has no device buffer to overflow, so a stalled loop (GC, a loaded machine) makes
     * up the missed chunks at once — the recording keeps the whole timeline — unless it stalled for long.
     */
    private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
    static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /**
     * How long a loop with nothing to play and nowhere to play it sleeps before it looks for a speaker again
     * by itself. A new speaker wakes it at once ({@link #speakerArrived()}); this is only a safety net for a
     * mixer fed without that call.
     */
    private static final long IDLE_POLL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Mixer mixer;
    private final PcmSink output;
    private final AudioOutput device;
    private final PcmSink echoReference;
    private final MonotonicClock clock;
    /** The output discards audio (no speakers): sleep while nobody speaks instead of mixing silence. */
    private final boolean idleWhenSilent;
    /** One pull: 5 ms when the loop keeps time itself, 10 ms when the device does. */
    private final short[] chunk;
    private final long pullNanos;
    /** The echo reference takes 10 ms chunks; 5 ms pulls are gathered here two at a time. */
    private final short[] echoChunk = new short[Mixer.CHUNK_SAMPLES];
    private int echoFill;
    private volatile boolean running;
    private volatile long samplesPlayed;
    private volatile long resyncs;
    private volatile long deviceFailures;
    private volatile long idleWaits;
    /** The playback thread sleeps for want of speakers; {@link #speakerArrived()} then unparks it. */
    private volatile boolean idle;
    private volatile Thread thread;
    /** Playback thread only: rate-limited health logging. */
    private long lastLogNanos;
    private OutputHealth lastLogged = OutputHealth.NONE;
    private long resyncsLogged;
    private long failures;

    /**
     * Clock-paced playback into a plain sink.
     *
     * @param echoReference receives every chunk after the output (e.g. the echo canceller); may be a no-op
     */
    public PlaybackLoop(Mixer mixer, PcmSink output, PcmSink echoReference, MonotonicClock clock) {
        this(mixer, output, null, echoReference, clock);
    }

    public PlaybackLoop(Mixer mixer, PcmSink output) {
        this(mixer, output, chunk -> { }, MonotonicClock.system());
    }

    /** Playback into an output; paced by the device when the output keeps time itself. */
    public PlaybackLoop(Mixer mixer, AudioOutput output, PcmSink echoReference, MonotonicClock clock) {
        this(mixer, output::write, output.pacedByDevice() ? output : null, echoReference, clock, output.discards());
    }

    private PlaybackLoop(Mixer mixer, PcmSink output, AudioOutput device, PcmSink echoReference, MonotonicClock clock) {
        this(mixer, output, device, echoReference, clock, false);
    }

    private PlaybackLoop(Mixer mixer, PcmSink output, AudioOutput device, PcmSink echoReference, MonotonicClock clock,
                         boolean idleWhenSilent) {
        this.idleWhenSilent = idleWhenSilent;
        int pullSamples = device != null ? Mixer.CHUNK_SAMPLES : clockPacedPullMillis() * SAMPLES_PER_MILLI;
        this.chunk = new short[pullSamples];
        this.pullNanos = pullSamples * TimeUnit.MILLISECONDS.toNanos(1) / SAMPLES_PER_MILLI;
        this.mixer = mixer;
        this.output = output;
        this.device = device;
        this.echoReference = echoReference;
        this.clock = clock;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("playback loop already started");
        }
        running = true;
        thread = new Thread(device != null ? this::runDevicePaced : this::runClockPaced, "parley-playback");
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

    /**
     * A speaker's first packet has reached the mixer's sources: a loop asleep for want of speakers starts
     * mixing now rather than at its next look. Any thread; cheap when the loop is not asleep.
     */
    public void speakerArrived() {
        Thread playing = thread;
        if (idle && playing != null) {
            LockSupport.unpark(playing);
        }
    }

    /** True while the loop sleeps for want of speakers (see {@link #speakerArrived()}). */
    public boolean asleep() {
        return idle;
    }

    /** Audio played so far, in 10 ms chunks (whatever the pull). */
    public long chunksPlayed() {
        return samplesPlayed / Mixer.CHUNK_SAMPLES;
    }

    /** The samples mixed per pull: 240 (5 ms) when the loop keeps time itself, 480 (10 ms) when a device does. */
    public int pullSamples() {
        return chunk.length;
    }

    private static int clockPacedPullMillis() {
        String configured = System.getProperty("parley.playback.pullMillis");
        if (configured == null || configured.isBlank()) {
            return DEFAULT_PULL_MILLIS;
        }
        int millis = Integer.parseInt(configured.trim());
        if (millis != 5 && millis != 10) {
            throw new IllegalArgumentException("parley.playback.pullMillis must be 5 or 10, was " + millis);
        }
        return millis;
    }

    /** How often the clock-paced loop fell too far behind and skipped ahead (never with a device-paced output). */
    public long resyncs() {
        return resyncs;
    }

    /** How often a loop without speakers slept because nobody was speaking (see {@link AudioOutput#discards()}). */
    public long idleWaits() {
        return idleWaits;
    }

    /** How often the output failed and could not be replaced at once. */
    public long deviceFailures() {
        return deviceFailures;
    }

    private void runDevicePaced() {
        DeviceSlotClock slots = new DeviceSlotClock();
        OutputHealth seen = device.health();
        while (running) {
            int demand;
            try {
                demand = device.awaitDemand();
            } catch (AudioDeviceException e) {
                // The output already waited before giving up; it tries again at the next demand.
                if (deviceFailures++ % 100 == 0) {
                    LOG.warn("No speaker to play on: {}", e.getMessage());
                }
                continue;
            }
            // A demand that follows an underrun or a re-open refills the device: early on purpose, not its pace.
            OutputHealth now = device.health();
            boolean cadence = now.underruns() == seen.underruns() && now.refillChunks() == seen.refillChunks()
                    && now.reopens() == seen.reopens();
            seen = now;
            for (int i = 0; i < demand && running; i++) {
                playOne(slots.slot(clock.nanoTime(), cadence));
            }
            logHealth();
        }
        LOG.info("Playback on {} stopped after {} chunks ({})", device.description(), chunksPlayed(), device.health());
    }

    private void runClockPaced() {
        long deadline = clock.nanoTime();
        while (running) {
            long now = clock.nanoTime();
            if (now < deadline) {
                LockSupport.parkNanos(deadline - now);
                continue;
            }
            if (idleWhenSilent && !mixer.hasSpeakers()) {
                // Nobody to hear and nowhere to play: an idle app without speakers stays asleep until a
                // speaker arrives. "idle" is set before the second look, so a speaker arriving in between
                // leaves an unpark permit and the park returns at once.
                idle = true;
                if (!mixer.hasSpeakers()) {
                    LockSupport.parkNanos(IDLE_POLL_NANOS);
                    idleWaits++;
                }
                idle = false;
                deadline = clock.nanoTime();
                continue;
            }
            if (now - deadline > MAX_LAG_NANOS) {
                resyncs++;
                deadline = now;
            }
            playOne(deadline);
            deadline += pullNanos;
            logHealth();
        }
        LOG.debug("Playback loop stopped after {} chunks", chunksPlayed());
    }

    private void playOne(long slotNanos) {
        try {
            mixer.mix(chunk, slotNanos);
            output.write(chunk);
            feedEchoReference();
            samplesPlayed += chunk.length;
        } catch (RuntimeException e) {
            // Loop boundary: one bad chunk must not silence everyone for the rest of the session.
            if (failures++ % 1_000 == 0) {
                LOG.warn("Playback chunk failed ({} so far)", failures, e);
            }
        }
    }

    private void feedEchoReference() {
        if (chunk.length == echoChunk.length) {
            echoReference.write(chunk);
            return;
        }
        System.arraycopy(chunk, 0, echoChunk, echoFill, chunk.length);
        echoFill += chunk.length;
        if (echoFill == echoChunk.length) {
            echoFill = 0;
            echoReference.write(echoChunk);
        }
    }

    /** Playback thread: a WARN line when something went wrong, at most every ten seconds. */
    private void logHealth() {
        long now = clock.nanoTime();
        if (now - lastLogNanos < LOG_EVERY_NANOS) {
            return;
        }
        OutputHealth health = device == null ? OutputHealth.NONE : device.health();
        long newUnderruns = health.underruns() - lastLogged.underruns();
        long newReopens = health.reopens() - lastLogged.reopens();
        long newResyncs = resyncs - resyncsLogged;
        if (newUnderruns > 0 || newReopens > 0 || newResyncs > 0) {
            LOG.warn("Playback trouble: {} underruns, {} device re-opens, {} resyncs since the last report"
                    + " (totals {} / {} / {}; cushion {} ms on {})", newUnderruns, newReopens, newResyncs,
                    health.underruns(), health.reopens(), resyncs, health.cushionMillis(), health.device());
            lastLogNanos = now;
            lastLogged = health;
            resyncsLogged = resyncs;
        }
    }
}
