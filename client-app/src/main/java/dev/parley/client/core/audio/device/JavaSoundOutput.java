package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.PcmFormat;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playback on a {@code javax.sound} line opened by {@link JavaSoundDevices}, paced by the device: the
 * playback loop asks {@link #awaitDemand()}, which waits until the line has played down to its cushion
 * (polling {@code available()}, sleeping in between) so a {@link #write} never blocks; after an underrun
 * it asks for a refill (see {@link LineCushion}). The line starts primed with the cushion in silence.
 * A line that stops taking audio (device unplugged, sound server gone) is closed and the system default
 * opened in its place.
 *
 * <p>Threading: see {@link AudioOutput}; everything but {@link #close()} and {@link #health()} is the
 * playback thread's.
 */
final class JavaSoundOutput implements AudioOutput {

    private static final Logger LOG = LoggerFactory.getLogger(JavaSoundOutput.class);
    private static final long RETRY_NANOS = 500_000_000L;

    /** A line opened and not yet started, with its format. */
    record OpenedLine(SourceDataLine line, AudioFormat format) {
    }

    private final String name;
    private final Supplier<OpenedLine> openDefault;
    private volatile SourceDataLine line;
    private OutputConverter converter;
    private LineCushion cushion;
    private volatile boolean closed;
    private volatile String playingOn;
    private volatile OutputHealth health;
    private long underrunsBefore;
    private long refillsBefore;
    private long reopens;
    private boolean broken;
    private int frameSize;
    private long droppedChunks;
    private long droppedLogged;
    private boolean lineStarted;

    JavaSoundOutput(String name, OpenedLine opened, Supplier<OpenedLine> openDefault) {
        this.name = name;
        this.openDefault = openDefault;
        this.playingOn = name;
        attach(opened);
    }

    @Override
    public boolean pacedByDevice() {
        return true;
    }

    @Override
    public int awaitDemand() {
        while (!closed) {
            if (broken) {
                recover("it failed");
                continue;
            }
            SourceDataLine current = line;
            if (!lineStarted) {
                // Started here, on the playback thread, not when opened: the primed cushion must not play
                // out while the rest of the engine is still being built.
                lineStarted = true;
                current.start();
            }
            LineCushion.Decision decision;
            try {
                decision = cushion.decide(current.available(), current.getLongFramePosition() * frameSize,
                        System.nanoTime());
            } catch (RuntimeException e) {
                // A vanished device may throw from its queries too: replace it, as after a failed write.
                LOG.warn("Playback on '{}' failed: {}", playingOn, e.toString());
                broken = true;
                continue;
            }
            switch (decision.kind()) {
                case WRITE, REFILL -> {
                    publishHealth();
                    return decision.chunks();
                }
                case WAIT -> LockSupport.parkNanos(decision.waitNanos());
                case STUCK -> recover("it stopped taking audio");
            }
        }
        return 1;
    }

    @Override
    public void write(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        if (closed || broken) {
            return;
        }
        try {
            int n = converter.convertChunk(chunk);
            int available = line.available();
            cushion.beforeWrite(available, System.nanoTime());
            if (available < n) {
                // No room: a write now would block until the device takes audio, maybe for ever. The cushion
                // only asks for what fits, so this means the line shrank its room under us.
                droppedChunks++;
                return;
            }
            line.write(converter.bytes(), 0, n);
        } catch (RuntimeException e) {
            // A vanished device shows up as exceptions from the line: replace it at the next demand.
            LOG.warn("Playback on '{}' failed: {}", playingOn, e.toString());
            broken = true;
        }
    }

    @Override
    public OutputHealth health() {
        return health;
    }

    @Override
    public String description() {
        return playingOn;
    }

    @Override
    public void close() {
        closed = true;
        SourceDataLine current = line;
        current.stop();
        current.close();
    }

    private void attach(OpenedLine opened) {
        SourceDataLine next = opened.line();
        AudioFormat format = opened.format();
        int bytesPerSecond = Math.round(format.getSampleRate()) * format.getFrameSize();
        int chunkBytes = bytesPerSecond / 100;
        if (cushion != null) {
            underrunsBefore += cushion.underruns();
            refillsBefore += cushion.refillChunks();
        }
        converter = new OutputConverter(Math.round(format.getSampleRate()), format.getChannels());
        frameSize = format.getFrameSize();
        cushion = new LineCushion(next.getBufferSize(), chunkBytes, bytesPerSecond,
                next.getLongFramePosition() * frameSize, System.nanoTime());
        byte[] prime = new byte[cushion.primeBytes()];
        next.write(prime, 0, prime.length);
        lineStarted = false;
        line = next;
        broken = false;
        publishHealth();
    }

    /** Playback thread: the line is gone or wedged; play on the system default instead. */
    private void recover(String why) {
        LOG.warn("Speaker '{}' lost ({}); switching to the system default", playingOn, why);
        SourceDataLine old = line;
        try {
            old.stop();
            old.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the lost line failed too: {}", e.toString());
        }
        try {
            OpenedLine opened = openDefault.get();
            reopens++;
            playingOn = AudioDevices.DEFAULT;
            attach(opened);
        } catch (AudioDeviceException e) {
            reopens++;
            broken = true;
            publishHealth();
            // No default either: try again in a while rather than spinning.
            LockSupport.parkNanos(RETRY_NANOS);
            if (closed) {
                return;
            }
            throw e;
        }
    }

    private void publishHealth() {
        health = new OutputHealth(underrunsBefore + cushion.underruns(), refillsBefore + cushion.refillChunks(),
                reopens, cushion.cushionMillis(), playingOn);
        if (droppedChunks > droppedLogged && (droppedLogged == 0 || droppedChunks - droppedLogged >= 100)) {
            droppedLogged = droppedChunks;
            LOG.warn("Speaker '{}' had no room for {} chunks so far; dropped them rather than block", playingOn,
                    droppedChunks);
        }
    }
}
