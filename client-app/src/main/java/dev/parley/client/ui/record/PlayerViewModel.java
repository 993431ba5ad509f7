package dev.parley.client.ui.record;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.record.RecordingLibrary;
import dev.parley.client.core.record.RecordingPlayback;
import dev.parley.client.ui.fx.UiThread;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player of the Recordings window: one track at a time, play/pause, position and seeking, the
 * speaker's name and the elapsed and total time. The file is read and the speakers opened on the
 * background executor, and closed there (closing waits for the playback thread); properties are the UI
 * thread's. Progress arrives 100 times a second on the playback thread and reaches the UI at most once
 * per pulse.
 */
public final class PlayerViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlayerViewModel.class);
    private static final double SAMPLE_RATE = 48_000;

    private final Supplier<AudioOutput> speakers;
    private final Executor background;
    private final UiThread ui;
    private final StringProperty speaker = new SimpleStringProperty("");
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private final DoubleProperty position = new SimpleDoubleProperty();
    private final DoubleProperty duration = new SimpleDoubleProperty();
    private final StringProperty elapsed = new SimpleStringProperty(clock(0));
    private final StringProperty total = new SimpleStringProperty(clock(0));
    private final StringProperty note = new SimpleStringProperty("");
    private final AtomicReference<RecordingPlayback.Progress> latest = new AtomicReference<>();
    private final AtomicBoolean progressPending = new AtomicBoolean();
    /** UI thread only: the track loaded, its playback once open, and which load is current. */
    private RecordingPlayback playback;
    private Subscription progress;
    private long generation;
    private boolean playWhenReady;

    /** @param speakers opens where to play (called on {@code background}); the player closes it */
    public PlayerViewModel(Supplier<AudioOutput> speakers, Executor background, UiThread ui) {
        this.speakers = speakers;
        this.background = background;
        this.ui = ui;
    }

    /** "1:05", or "1:02:03" from an hour on. */
    public static String clock(long samples) {
        long seconds = (long) (Math.max(0, samples) / SAMPLE_RATE);
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** Stops what plays and gets {@code track} ready, paused at its start. UI thread. */
    public void load(RecordingLibrary.Track track) {
        unload();
        long mine = ++generation;
        speaker.set(track.speaker());
        duration.set(Math.max(0, track.durationSamples()) / SAMPLE_RATE);
        total.set(clock(track.durationSamples()));
        position.set(0);
        elapsed.set(clock(0));
        note.set("");
        background.execute(() -> {
            RecordingPlayback opened;
            AudioOutput output = speakers.get();
            try {
                opened = RecordingPlayback.open(track.file(), output);
            } catch (IOException | RuntimeException e) {
                output.close();
                LOG.warn("Cannot play {}: {}", track.file(), e.toString());
                ui.run(() -> {
                    if (mine == generation) {
                        note.set("Cannot play " + track.file().getFileName() + ": " + e.getMessage());
                    }
                });
                return;
            }
            LOG.info("Playing {} on {}", track.file(), output.description());
            ui.run(() -> opened(mine, opened));
        });
    }

    private void opened(long mine, RecordingPlayback opened) {
        if (mine != generation) {
            // Another track was chosen while this one opened.
            closeAside(opened);
            return;
        }
        playback = opened;
        progress = opened.onProgress(now -> progressed(mine, now));
        duration.set(opened.durationSamples() / SAMPLE_RATE);
        total.set(clock(opened.durationSamples()));
        ready.set(true);
        if (playWhenReady) {
            playWhenReady = false;
            opened.play();
        }
    }

    /** Plays, or pauses what plays. Before the track is open, it plays as soon as it is. UI thread. */
    public void togglePlay() {
        if (playing.get()) {
            playing.set(false);
            if (playback != null) {
                playback.pause();
            } else {
                playWhenReady = false;
            }
            return;
        }
        // Shown at once; the playback's progress confirms it (or says it ended).
        playing.set(true);
        if (playback != null) {
            playback.play();
        } else {
            playWhenReady = true;
        }
    }

    /** Moves to {@code seconds} into the track; playing goes on from there. UI thread. */
    public void seek(double seconds) {
        if (playback == null) {
            return;
        }
        playback.seek(Duration.ofNanos((long) (Math.max(0, seconds) * 1e9)));
    }

    private void progressed(long mine, RecordingPlayback.Progress now) {
        latest.set(now);
        if (progressPending.compareAndSet(false, true)) {
            ui.run(() -> {
                progressPending.set(false);
                RecordingPlayback.Progress last = latest.get();
                if (mine == generation && last != null) {
                    position.set(last.positionSamples() / SAMPLE_RATE);
                    elapsed.set(clock(last.positionSamples()));
                    playing.set(last.playing());
                }
            });
        }
    }

    public ReadOnlyStringProperty speakerProperty() {
        return speaker;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing;
    }

    /** Whether the track is open, so seeking works. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready;
    }

    /** Seconds into the track. */
    public ReadOnlyDoubleProperty positionProperty() {
        return position;
    }

    /** The track's length in seconds. */
    public ReadOnlyDoubleProperty durationProperty() {
        return duration;
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed;
    }

    public ReadOnlyStringProperty totalProperty() {
        return total;
    }

    /** Why the track does not play, else "". */
    public ReadOnlyStringProperty noteProperty() {
        return note;
    }

    private void unload() {
        generation++;
        playWhenReady = false;
        playing.set(false);
        ready.set(false);
        if (progress != null) {
            progress.close();
            progress = null;
        }
        if (playback != null) {
            RecordingPlayback closing = playback;
            playback = null;
            closeAside(closing);
        }
    }

    /** Closes off the UI thread (closing waits for the playback thread); here when the app is past that. */
    private void closeAside(RecordingPlayback closing) {
        try {
            background.execute(closing::close);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Quitting: the background executor is shut down already. Closing here still frees the speakers.
            closing.close();
        }
    }

    /** Stops playing and lets go of the speakers. UI thread. */
    @Override
    public void close() {
        unload();
    }
}
