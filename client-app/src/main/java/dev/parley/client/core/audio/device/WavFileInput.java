package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.PcmFormat;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads a PCM WAV file (any common rate, channel count and sample size) as 48 kHz mono chunks.
 *
 * <p>At the end of the file the last partial chunk is padded with silence and then {@link #read} returns
 * {@code false}: the input ends. With {@code loop} it starts over instead, seamlessly (the resampler keeps
 * its state), and never ends until closed. {@link Pacing#REAL_TIME} hands out one chunk per 10 ms like a
 * microphone; {@link Pacing#AS_FAST_AS_READ} is for tests and batch work.
 *
 * <p>Threading: see {@link AudioInput}; {@link #close()} is safe from any thread.
 */
public final class WavFileInput implements AudioInput {

    /** How fast chunks are handed out. */
    public enum Pacing { REAL_TIME, AS_FAST_AS_READ }

    private final Path file;
    private final Pacing pacing;
    private final boolean loop;
    private final InputConverter converter;
    private final byte[] buffer;
    private final RealTimePacer pacer = new RealTimePacer();
    private AudioInputStream stream;
    private boolean endOfFile;
    private long bytesThisPass;
    private volatile boolean closed;

    private WavFileInput(Path file, Pacing pacing, boolean loop) {
        this.file = file;
        this.pacing = pacing;
        this.loop = loop;
        this.stream = openStream(file);
        this.converter = new InputConverter(stream.getFormat());
        this.buffer = new byte[converter.bytesPer10Ms()];
    }

    /**
     * Opens {@code file}; fails at once if it is missing or not PCM WAV.
     *
     * @throws AudioDeviceException if the file cannot be read or its format is not supported
     */
    public static WavFileInput open(Path file, Pacing pacing, boolean loop) {
        return new WavFileInput(file, pacing, loop);
    }

    /** Opens {@code file} to be read once, as fast as the caller reads. */
    public static WavFileInput open(Path file) {
        return open(file, Pacing.AS_FAST_AS_READ, false);
    }

    @Override
    public void start() {
        // the file is already open; pacing starts with the first read
    }

    @Override
    public boolean read(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        synchronized (this) {
            if (closed) {
                return false;
            }
            while (!converter.hasChunk()) {
                if (endOfFile) {
                    if (converter.pendingSamples() == 0) {
                        return false;
                    }
                    converter.padToChunk();
                    break;
                }
                fill();
            }
            converter.takeChunk(chunk);
        }
        if (pacing == Pacing.REAL_TIME) {
            pacer.awaitNextChunk();
        }
        return !closed;
    }

    private void fill() {
        try {
            int n = stream.readNBytes(buffer, 0, buffer.length);
            int whole = n - n % converter.frameSize();
            if (whole > 0) {
                converter.accept(buffer, 0, whole);
                bytesThisPass += whole;
            }
            if (n < buffer.length) {
                // an empty file must not loop forever
                if (loop && bytesThisPass > 0) {
                    stream.close();
                    stream = openStream(file);
                    bytesThisPass = 0;
                } else {
                    endOfFile = true;
                }
            }
        } catch (IOException e) {
            throw new AudioDeviceException("cannot read " + file.getFileName(), e);
        }
    }

    @Override
    public String description() {
        return "file " + file.getFileName();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new AudioDeviceException("cannot close " + file.getFileName(), e);
            }
        }
    }

    private static AudioInputStream openStream(Path file) {
        try {
            AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile());
            InputConverter.requireSupported(in.getFormat());
            return in;
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new AudioDeviceException("cannot open audio file " + file, e);
        }
    }
}
