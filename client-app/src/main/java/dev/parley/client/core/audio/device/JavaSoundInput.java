package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.PcmFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.TargetDataLine;

/**
 * Capture from a {@code javax.sound} line opened by {@link JavaSoundDevices}, converted to engine chunks.
 *
 * <p>Threading: see {@link AudioInput}; {@link #close()} from any thread unblocks a pending read.
 */
final class JavaSoundInput implements AudioInput {

    private final String name;
    private final TargetDataLine line;
    private final InputConverter converter;
    private final byte[] buffer;
    private volatile boolean closed;

    JavaSoundInput(String name, TargetDataLine line, AudioFormat format) {
        this.name = name;
        this.line = line;
        this.converter = new InputConverter(format);
        this.buffer = new byte[converter.bytesPer10Ms()];
    }

    @Override
    public void start() {
        line.start();
    }

    @Override
    public boolean read(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        while (!converter.hasChunk()) {
            if (closed) {
                return false;
            }
            int n = line.read(buffer, 0, buffer.length);
            int whole = n - n % converter.frameSize();
            if (whole > 0) {
                converter.accept(buffer, 0, whole);
            } else if (closed || !line.isOpen()) {
                return false;
            }
        }
        converter.takeChunk(chunk);
        return true;
    }

    @Override
    public String description() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
        line.stop();
        line.close();
    }
}
