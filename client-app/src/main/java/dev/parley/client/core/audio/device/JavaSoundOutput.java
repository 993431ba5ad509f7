package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.SourceDataLine;

/**
 * Playback on a {@code javax.sound} line opened by {@link JavaSoundDevices}; {@link #write} blocks while the
 * line's buffer (about 40 ms) is full, which paces the playback thread.
 *
 * <p>Threading: see {@link AudioOutput}.
 */
final class JavaSoundOutput implements AudioOutput {

    private final String name;
    private final SourceDataLine line;
    private final OutputConverter converter;
    private volatile boolean closed;

    JavaSoundOutput(String name, SourceDataLine line, AudioFormat format) {
        this.name = name;
        this.line = line;
        this.converter = new OutputConverter(Math.round(format.getSampleRate()), format.getChannels());
        line.start();
    }

    @Override
    public void write(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        if (closed) {
            return;
        }
        int n = converter.convertChunk(chunk);
        line.write(converter.bytes(), 0, n);
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
