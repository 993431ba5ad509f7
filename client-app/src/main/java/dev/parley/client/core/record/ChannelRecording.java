package dev.parley.client.core.record;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.voice.RecordedAudio;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.protocol.control.message.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recording of the channel a voice engine is in, or of its call: tells the room ({@code record.start},
 * so everyone in the channel, or both sides of the call, see who records), keeps every packet of that
 * voice in a {@link ChannelRecorder} (received and my own, see {@link RecordedAudio}), and on
 * {@link #stop()} closes the files and tells the room it ended. Thread-safe.
 */
public final class ChannelRecording {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRecording.class);

    private final ControlClient client;
    private final RecordedAudio audio;
    private final ChannelRecorder recorder;
    private final Subscription tap;
    private List<Path> files;

    private ChannelRecording(ControlClient client, RecordedAudio audio, ChannelRecorder recorder, Subscription tap) {
        this.client = client;
        this.audio = audio;
        this.recorder = recorder;
        this.tap = tap;
    }

    /**
     * Starts recording into {@code folder}. The future fails when the room refuses (voice not started,
     * already recording); then nothing is left on disk.
     *
     * @param speakerName names a voice session for its file (null when unknown)
     */
    public static CompletableFuture<ChannelRecording> start(ControlClient client, VoiceEngine engine, Path folder,
            IntFunction<String> speakerName) {
        return start(RecordedAudio.CHANNEL, client, engine, folder, speakerName);
    }

    /**
     * Starts recording my current call into {@code folder}: the other side's voice and mine, nothing of
     * the channel. The future fails when the room refuses (no answered call, voice not started, already
     * recording it); then nothing is left on disk. The room ends the recording when the call ends; the
     * caller still calls {@link #stop()} to close the files.
     */
    public static CompletableFuture<ChannelRecording> startCall(ControlClient client, VoiceEngine engine, Path folder,
            IntFunction<String> speakerName) {
        return start(RecordedAudio.CALL, client, engine, folder, speakerName);
    }

    private static CompletableFuture<ChannelRecording> start(RecordedAudio audio, ControlClient client,
            VoiceEngine engine, Path folder, IntFunction<String> speakerName) {
        ChannelRecorder recorder;
        try {
            recorder = new ChannelRecorder(folder, speakerName, System.nanoTime());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        // Tap first: packets arriving while the room answers belong to the recording.
        Subscription tap = engine.tapPackets(audio, recorder::packet);
        ChannelRecording recording = new ChannelRecording(client, audio, recorder, tap);
        Recording.Start request = audio == RecordedAudio.CALL ? Recording.Start.ofCall() : new Recording.Start();
        return client.requestOk(request).handle((ok, error) -> {
            if (error == null) {
                return recording;
            }
            tap.close();
            try {
                recorder.stop().forEach(ChannelRecording::deleteQuietly);
            } catch (IOException e) {
                LOG.warn("Could not clean up a refused recording: {}", e.toString());
            }
            throw error instanceof java.util.concurrent.CompletionException c ? c
                    : new java.util.concurrent.CompletionException(error);
        });
    }

    public Path folder() {
        return recorder.folder();
    }

    /** What this recording keeps: the channel's voice or the call's. */
    public RecordedAudio audio() {
        return audio;
    }

    /**
     * Stops: the files are finished (one per speaker, all the same length) and the room is told.
     * Returns the files. Idempotent.
     */
    public synchronized List<Path> stop() throws IOException {
        if (files != null) {
            return files;
        }
        tap.close();
        try {
            files = recorder.stop();
        } finally {
            if (client.status().state() == ConnectionState.CONNECTED) {
                client.requestOk(audio == RecordedAudio.CALL ? Recording.Stop.ofCall() : new Recording.Stop());
            }
        }
        if (recorder.queueDrops() > 0) {
            LOG.warn("The recorder could not keep up: {} packets were lost", recorder.queueDrops());
        }
        return files;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", file, e.toString());
        }
    }
}
