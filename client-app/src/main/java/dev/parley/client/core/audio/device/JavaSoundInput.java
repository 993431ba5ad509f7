package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.PcmFormat;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture from a {@code javax.sound} line opened by {@link JavaSoundDevices}, converted to engine chunks.
 * Paced by the device: reads only what {@code available()} says is there (so a read never blocks inside
 * Java Sound, where a vanished device can hold it for ever), short reads are simply added up, and in
 * between it sleeps {@link #POLL_NANOS}. A line that fails, closes under us, or delivers nothing for
 * {@link #SILENT_NANOS} (a real device, even a silent one, delivers zeros at its rate; a new line gets
 * {@link #FIRST_DATA_NANOS}) is closed and the
 * system default opened in its place; {@link #health()} counts it so the voice bar can say so.
 *
 * <p>Threading: see {@link AudioInput}; {@link #close()} and {@link #health()} from any thread, the rest
 * is the capture thread's.
 */
final class JavaSoundInput implements AudioInput {

    private static final Logger LOG = LoggerFactory.getLogger(JavaSoundInput.class);
    /** A chunk is noticed at most this late. */
    static final long POLL_NANOS = 1_000_000L;
    /**
     * Nothing from a line that has delivered before for this long: it is gone (a device delivers every
     * period, 10 ms here; after a stall of our own thread the backlog is there to read, so that is no
     * false alarm).
     */
    static final long SILENT_NANOS = 500_000_000L;
    /** The same before the first audio: PulseAudio may take over a second to start a capture stream. */
    static final long FIRST_DATA_NANOS = 3_000_000_000L;
    private static final long RETRY_NANOS = 500_000_000L;

    /** A line opened and not yet started, with its format. */
    record OpenedLine(TargetDataLine line, AudioFormat format) {
    }

    private final Supplier<OpenedLine> openDefault;
    private volatile TargetDataLine line;
    private InputConverter converter;
    private byte[] buffer;
    private volatile boolean closed;
    private volatile InputHealth health;
    private boolean started;
    /** Whether the current line has delivered any audio yet. */
    private boolean delivered;
    private long lastDataNanos;
    private long reopens;
    private CaptureBacklog backlog;
    /** What earlier lines discarded, for {@link #health}. */
    private long discardedBefore;
    private long lastDiscardLogNanos;
    private long discardedLogged;

    JavaSoundInput(String name, OpenedLine opened, Supplier<OpenedLine> openDefault) {
        this.openDefault = openDefault;
        this.health = new InputHealth(0, name);
        attach(opened);
    }

    @Override
    public void start() {
        if (!started) {
            started = true;
            line.start();
            lastDataNanos = System.nanoTime();
        }
    }

    @Override
    public boolean read(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        while (!converter.hasChunk()) {
            if (closed) {
                return false;
            }
            TargetDataLine current = line;
            try {
                if (!current.isOpen()) {
                    recover("its line was closed");
                    continue;
                }
                int available = current.available();
                int discard = Math.min(buffer.length, backlog.toDiscard(available, System.nanoTime()));
                if (discard > 0) {
                    int n = current.read(buffer, 0, discard);
                    if (n > 0) {
                        backlog.discarded(n - n % converter.frameSize());
                        lastDataNanos = System.nanoTime();
                        delivered = true;
                        reportDiscards();
                        continue;
                    }
                }
                int want = Math.min(buffer.length, available - available % converter.frameSize());
                if (want > 0) {
                    int n = current.read(buffer, 0, want);
                    int whole = n - n % converter.frameSize();
                    if (whole > 0) {
                        boolean wasStarted = backlog.started();
                        backlog.read(whole, current.available(), System.nanoTime());
                        if (!wasStarted && backlog.started() && backlog.skippedAtStartMillis() > 0) {
                            LOG.info("Microphone '{}' started {} ms behind; skipped to now", health.device(),
                                    backlog.skippedAtStartMillis());
                        }
                        converter.accept(buffer, 0, whole);
                        lastDataNanos = System.nanoTime();
                        delivered = true;
                        continue;
                    }
                }
                long silent = System.nanoTime() - lastDataNanos;
                if (silent > (delivered ? SILENT_NANOS : FIRST_DATA_NANOS)) {
                    recover("it delivered nothing for " + silent / 1_000_000L + " ms");
                    continue;
                }
                LockSupport.parkNanos(POLL_NANOS);
            } catch (RuntimeException e) {
                if (closed) {
                    return false;
                }
                recover("it failed: " + e);
            }
        }
        converter.takeChunk(chunk);
        return true;
    }

    @Override
    public InputHealth health() {
        return health;
    }

    @Override
    public String description() {
        return health.device();
    }

    @Override
    public void close() {
        closed = true;
        TargetDataLine current = line;
        current.stop();
        current.close();
    }

    /** Capture thread: says when audio was discarded, at most every 10 s, and publishes the count. */
    private void reportDiscards() {
        long discarded = discardedBefore + backlog.discardedMillis();
        if (discarded == health.discardedMillis()) {
            return;
        }
        health = new InputHealth(reopens, health.device(), discarded);
        long now = System.nanoTime();
        if (discardedLogged == 0 || now - lastDiscardLogNanos > 10_000_000_000L) {
            LOG.warn("Microphone '{}' fell up to {} ms behind the device; discarded the oldest audio to catch up"
                    + " ({} ms discarded so far)", health.device(), backlog.maxBacklogMillis(), discarded);
            lastDiscardLogNanos = now;
            discardedLogged = discarded;
        }
    }

    private void attach(OpenedLine opened) {
        if (backlog != null) {
            discardedBefore += backlog.discardedMillis();
        }
        AudioFormat format = opened.format();
        int bytesPerSecond = Math.round(format.getSampleRate()) * format.getFrameSize();
        backlog = new CaptureBacklog(bytesPerSecond, format.getFrameSize(), opened.line().getBufferSize(),
                bytesPerSecond / 100);
        converter = new InputConverter(opened.format());
        // Room for what accumulates while the thread is away: read it all at once when it comes back.
        buffer = new byte[Math.max(converter.bytesPer10Ms(), opened.line().getBufferSize())];
        line = opened.line();
        delivered = false;
    }

    /** Capture thread: the line is gone or wedged; capture from the system default instead. */
    private void recover(String why) {
        LOG.warn("Microphone '{}' lost ({}); switching to the system default", health.device(), why);
        TargetDataLine old = line;
        try {
            old.stop();
            old.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the lost line failed too: {}", e.toString());
        }
        reopens++;
        health = new InputHealth(reopens, AudioDevices.DEFAULT, health.discardedMillis());
        lastDataNanos = System.nanoTime();
        try {
            attach(openDefault.get());
            if (started) {
                line.start();
            }
        } catch (AudioDeviceException e) {
            // No default either: try again in a while rather than spinning; read() goes on polling.
            LOG.warn("No microphone to capture from: {}", e.getMessage());
            LockSupport.parkNanos(RETRY_NANOS);
        }
    }
}
