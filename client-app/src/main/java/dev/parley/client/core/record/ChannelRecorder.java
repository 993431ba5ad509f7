package dev.parley.client.core.record;

import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import dev.parley.platform.SafeFileNames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a voice channel into a folder: one Ogg Opus file per speaker, holding that speaker's packets
 * exactly as they arrived (no re-encoding), all starting at the moment recording started so they
 * line up, and at the end {@code mix.opus}, everyone mixed ({@link RecordingMixer}). The voice network thread hands packets in with {@link #packet}; files are written on the
 * recorder's own thread, so a slow disk never stalls voice (a full queue drops and counts).
 * {@link #stop()} pads every track to the same end and returns the files. Thread-safe.
 */
public final class ChannelRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRecorder.class);
    private static final int QUEUE = 4096;
    private static final long NANOS_PER_SAMPLE_NUMERATOR = 1_000_000_000L;

    private final Path folder;
    private final IntFunction<String> speakerName;
    private final long startNanos;
    private final byte[] silence;
    private final ThreadPoolExecutor thread;
    private final AtomicLong queueDrops = new AtomicLong();
    /** Recorder thread only. */
    private final Map<Integer, SpeakerTrack> tracks = new LinkedHashMap<>();
    private final Map<Integer, Path> partFiles = new LinkedHashMap<>();
    private volatile boolean stopped;
    private List<Path> files;

    /**
     * Starts recording now.
     *
     * @param folder      where the files go (created if missing)
     * @param speakerName names a voice session for its file name when recording stops (null: unknown)
     * @param startNanos  the recording's start on the {@link System#nanoTime()} clock packets arrive on
     */
    public ChannelRecorder(Path folder, IntFunction<String> speakerName, long startNanos) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.speakerName = speakerName;
        this.startNanos = startNanos;
        this.silence = silencePacket();
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
            Thread t = new Thread(runnable, "parley-recorder");
            t.setDaemon(true);
            return t;
        }, (runnable, executor) -> queueDrops.incrementAndGet());
    }

    /** One received packet of voice session {@code sessionId}. Any thread; never blocks. */
    public void packet(int sessionId, int wireTimestamp, byte[] payload, long arrivalNanos) {
        if (stopped || payload.length == 0) {
            return;
        }
        byte[] copy = payload.clone();
        thread.execute(() -> write(sessionId, wireTimestamp, copy, arrivalNanos));
    }

    /** Packets lost because the recorder's queue was full. */
    public long queueDrops() {
        return queueDrops.get();
    }

    /**
     * Stops: every track is filled with silence to the same end, closed and renamed
     * {@code <speaker>-<session>.opus}, then mixed into {@code mix.opus}. Returns the files, the mix first
     * (empty when nobody spoke). Idempotent.
     */
    public synchronized List<Path> stop() throws IOException {
        if (files != null) {
            return files;
        }
        stopped = true;
        long endPosition = position(System.nanoTime());
        try {
            files = thread.submit(() -> finishAll(endPosition)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the recording", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            thread.shutdown();
        }
        return files;
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    public Path folder() {
        return folder;
    }

    /** Recorder thread. */
    private void write(int sessionId, int wireTimestamp, byte[] payload, long arrivalNanos) {
        try {
            SpeakerTrack track = tracks.get(sessionId);
            if (track == null) {
                Path part = folder.resolve("session-" + Integer.toUnsignedString(sessionId) + ".opus.part");
                OggOpusWriter writer = new OggOpusWriter(new BufferedOutputStream(Files.newOutputStream(part)),
                        sessionId, "Parley voice session " + Integer.toUnsignedString(sessionId));
                track = new SpeakerTrack(writer, silence);
                tracks.put(sessionId, track);
                partFiles.put(sessionId, part);
                LOG.info("Recording speaker session {} into {}", sessionId, part);
            }
            track.packet(wireTimestamp, payload, position(arrivalNanos));
        } catch (IOException e) {
            LOG.warn("Recording of session {} failed: {}", sessionId, e.toString());
        }
    }

    /** Recorder thread. */
    private List<Path> finishAll(long endPosition) throws IOException {
        List<Path> done = new ArrayList<>();
        IOException first = null;
        for (Map.Entry<Integer, SpeakerTrack> entry : tracks.entrySet()) {
            int sessionId = entry.getKey();
            try {
                entry.getValue().finish(endPosition);
                String name = speakerName.apply(sessionId);
                String stem = SafeFileNames.slug(name, "speaker") + "-" + Integer.toUnsignedString(sessionId);
                Path target = folder.resolve(stem + ".opus");
                Files.move(partFiles.get(sessionId), target, StandardCopyOption.REPLACE_EXISTING);
                done.add(target);
                LOG.info("Recorded {}: {} packets kept, {} dropped", target.getFileName(), entry.getValue().packets(),
                        entry.getValue().dropped());
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        if (!done.isEmpty()) {
            try {
                done.add(0, RecordingMixer.mix(done, folder.resolve(RecordingMixer.MIX_FILE)));
            } catch (IOException | RuntimeException e) {
                // The speakers' own tracks are the recording; a mix that fails loses nothing.
                LOG.warn("Could not mix {} into one file: {}", folder, e.toString());
            }
        }
        return List.copyOf(done);
    }

    private long position(long nanos) {
        return Math.max(0, (nanos - startNanos) * OpusSettings.SAMPLE_RATE / NANOS_PER_SAMPLE_NUMERATOR);
    }

    /** 20 ms of digital silence, encoded once by the project's encoder. */
    private static byte[] silencePacket() {
        VoiceEncoder encoder = new VoiceEncoder(OpusSettings.defaults());
        byte[] out = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        int length = encoder.encode(new short[encoder.frameSamples()], out);
        return java.util.Arrays.copyOf(out, length);
    }
}
