package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records 48 kHz mono 16-bit PCM into a WAV file. The header carries placeholder sizes while recording
 * and is rewritten on {@link #close()}, so the file is valid once closed. Not paced: writes return as
 * soon as the bytes are handed to the file system.
 *
 * <p>Threading: see {@link AudioOutput}; {@link #close()} is safe from any thread.
 */
public final class WavFileOutput implements AudioOutput {

    private static final int HEADER_BYTES = 44;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer chunkBytes = ByteBuffer.allocate(PcmFormat.CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private boolean closed;

    private WavFileOutput(Path file) {
        this.file = file;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            writeFully(header(0), 0);
        } catch (IOException e) {
            throw new AudioDeviceException("cannot create " + file, e);
        }
    }

    /**
     * Creates or truncates {@code file}.
     *
     * @throws AudioDeviceException if the file cannot be created
     */
    public static WavFileOutput create(Path file) {
        return new WavFileOutput(file);
    }

    @Override
    public synchronized void write(short[] chunk) {
        PcmFormat.requirePlaybackChunk(chunk);
        if (closed) {
            return;
        }
        int bytes = chunk.length * PcmFormat.BYTES_PER_SAMPLE;
        chunkBytes.clear();
        chunkBytes.asShortBuffer().put(chunk);
        chunkBytes.limit(bytes);
        try {
            writeFully(chunkBytes, HEADER_BYTES + dataBytes);
        } catch (IOException e) {
            throw new AudioDeviceException("cannot write " + file.getFileName(), e);
        }
        dataBytes += bytes;
    }

    /** Bytes of PCM written so far (excluding the header). */
    public synchronized long dataBytes() {
        return dataBytes;
    }

    @Override
    public String description() {
        return "file " + file.getFileName();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            writeFully(header(dataBytes), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new AudioDeviceException("cannot finish " + file.getFileName(), e);
        }
    }

    private void writeFully(ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    private static ByteBuffer header(long dataBytes) {
        int byteRate = PcmFormat.SAMPLE_RATE * PcmFormat.CHANNELS * PcmFormat.BYTES_PER_SAMPLE;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes))
                .put(new byte[] {'W', 'A', 'V', 'E'})
                .put(new byte[] {'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) 1)
                .putShort((short) PcmFormat.CHANNELS)
                .putInt(PcmFormat.SAMPLE_RATE)
                .putInt(byteRate)
                .putShort((short) (PcmFormat.CHANNELS * PcmFormat.BYTES_PER_SAMPLE))
                .putShort((short) PcmFormat.BITS_PER_SAMPLE)
                .put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return header.flip();
    }
}
