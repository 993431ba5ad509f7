package dev.parley.client.core.record;

import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.voice.MonotonicClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one recorded Ogg Opus file to an {@link AudioOutput} on a daemon thread of its own
 * ("parley-recording-playback"), with play, pause and seek. Time is kept by the output when it keeps
 * time itself (a sound card: the thread writes as often as {@link AudioOutput#awaitDemand()} asks), else
 * by a clock at one 10 ms chunk per tick (files, tests). The playback owns the output and closes it on
 * {@link #close()}. Starts paused at 0; at the end it pauses at the end, and {@link #play()} then starts
 * over. Listeners hear about position and state on the playback thread (or the caller's, for
 * {@link #pause()} and {@link #seek} while paused). Thread-safe.
 */
public final class RecordingPlayback implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingPlayback.class);
    /** Further behind than this, the clock-paced schedule restarts from now instead of catching up in a burst. */
    private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long JOIN_MILLIS = 2_000;

    /** Where playback is: position and length in 48 kHz samples; {@code ended} once it played to the end. */
    public record Progress(long positionSamples, long durationSamples, boolean playing, boolean ended) {
        public Duration position() {
            return samplesToDuration(positionSamples);
        }

        public Duration duration() {
            return samplesToDuration(durationSamples);
        }
    }

    private final OpusPcmCursor cursor;
    private final AudioOutput output;
    private final MonotonicClock clock;
    private final long durationSamples;
    private final Listeners<Progress> listeners = new Listeners<>();
    private final Object lock = new Object();
    private final Thread thread;
    /** Guarded by {@link #lock}. */
    private boolean playing;
    /** Guarded by {@link #lock}: a seek target for the playback thread, -1 when none. */
    private long pendingSeek = -1;
    /** Guarded by {@link #lock}. */
    private boolean ended;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Written by whoever moved it last (the thread, or a seek while paused); read anywhere. */
    private volatile long position;

    /** Plays {@code stream} into {@code output}, paced by {@code clock} unless the output keeps time. */
    public RecordingPlayback(OggOpusReader.Stream stream, AudioOutput output, MonotonicClock clock) {
        this.cursor = new OpusPcmCursor(stream);
        this.output = output;
        this.clock = clock;
        this.durationSamples = cursor.duration();
        this.thread = new Thread(this::run, "parley-recording-playback");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads {@code file} (all of it, into memory: an hour of one speaker is some 15 MB) and gets ready to
     * play it into {@code output}, paused at the start.
     *
     * @throws IOException when the file cannot be read or is not Ogg Opus
     */
    public static RecordingPlayback open(Path file, AudioOutput output) throws IOException {
        return new RecordingPlayback(OggOpusReader.read(file), output, MonotonicClock.system());
    }

    public void play() {
        synchronized (lock) {
            if (closed || playing) {
                return;
            }
            if (ended) {
                pendingSeek = 0;
                ended = false;
            }
            playing = true;
            lock.notifyAll();
        }
    }

    public void pause() {
        boolean was;
        synchronized (lock) {
            was = playing;
            playing = false;
            lock.notifyAll();
        }
        if (was) {
            fire();
        }
    }

    public boolean isPlaying() {
        synchronized (lock) {
            return playing;
        }
    }

    /** Moves to {@code to} (clamped to the recording); playing goes on from there, a pause stays. */
    public void seek(Duration to) {
        long sample = Math.max(0, Math.min(durationSamples, to.toNanos() * PcmFormat.SAMPLE_RATE / 1_000_000_000L));
        synchronized (lock) {
            if (closed) {
                return;
            }
            pendingSeek = sample;
            ended = false;
            // Shown at once, also while paused (a dragged seek bar must not jump back).
            position = sample;
            lock.notifyAll();
        }
        fire();
    }

    public Duration position() {
        return samplesToDuration(position);
    }

    public Duration duration() {
        return samplesToDuration(durationSamples);
    }

    public long durationSamples() {
        return durationSamples;
    }

    public Progress progress() {
        synchronized (lock) {
            return new Progress(position, durationSamples, playing, ended);
        }
    }

    /** Called with the position about every 10 ms while playing, and on every pause, seek and the end. */
    public Subscription onProgress(Consumer<Progress> listener) {
        return listeners.add(listener);
    }

    /** Stops the thread and closes the output. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            playing = false;
            lock.notifyAll();
        }
        // Closing the output first releases a thread waiting on the device.
        output.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        short[] chunk = PcmFormat.newChunk();
        long deadline = 0;
        boolean fresh = true;
        try {
            while (true) {
                synchronized (lock) {
                    while (!closed && !playing && pendingSeek < 0) {
                        lock.wait();
                        fresh = true;
                    }
                    if (closed) {
                        return;
                    }
                    if (pendingSeek >= 0) {
                        cursor.seek(pendingSeek);
                        pendingSeek = -1;
                        position = cursor.position();
                        fresh = true;
                    }
                    if (!playing) {
                        continue;
                    }
                }
                int demand = awaitTurn(fresh, deadline);
                if (demand == 0) {
                    continue;
                }
                if (!output.pacedByDevice()) {
                    long now = clock.nanoTime();
                    deadline = fresh || now - deadline > MAX_LAG_NANOS ? now + PcmFormat.CHUNK_NANOS
                            : deadline + PcmFormat.CHUNK_NANOS;
                }
                fresh = false;
                playChunks(demand, chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Playing the recording failed", e);
            synchronized (lock) {
                playing = false;
            }
            fire();
        }
    }

    /** How many chunks to play now: what the device asks for, or 1 once the clock's deadline came; 0 to look again. */
    private int awaitTurn(boolean fresh, long deadline) throws InterruptedException {
        if (output.pacedByDevice()) {
            try {
                return output.awaitDemand();
            } catch (AudioDeviceException e) {
                // The output already waited before giving up; it tries again at the next demand.
                LOG.debug("No speaker to play the recording on: {}", e.getMessage());
                return 0;
            }
        }
        long wait = deadline - clock.nanoTime();
        if (fresh || wait <= 0) {
            return 1;
        }
        synchronized (lock) {
            // Waiting on the lock, so a pause or seek takes effect at once rather than after the tick.
            TimeUnit.NANOSECONDS.timedWait(lock, wait);
        }
        return 0;
    }

    private void playChunks(int demand, short[] chunk) {
        boolean reachedEnd = false;
        for (int i = 0; i < demand; i++) {
            synchronized (lock) {
                // Paused or moved while waiting for the device: nothing more of the old place plays.
                if (!playing || pendingSeek >= 0 || closed) {
                    return;
                }
                if (!cursor.next(chunk)) {
                    reachedEnd = true;
                    playing = false;
                    ended = true;
                    position = durationSamples;
                    break;
                }
            }
            output.write(chunk);
            synchronized (lock) {
                if (pendingSeek < 0) {
                    position = cursor.position();
                }
            }
        }
        fire();
        if (reachedEnd) {
            LOG.debug("Recording played to its end ({} undecodable packets)", cursor.undecodable());
        }
    }

    private void fire() {
        listeners.fire(progress());
    }

    private static Duration samplesToDuration(long samples) {
        return Duration.ofNanos(samples * 1_000_000_000L / PcmFormat.SAMPLE_RATE);
    }
}
