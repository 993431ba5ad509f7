package dev.parley.client.ui.record;

import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.record.RecordingLibrary;
import dev.parley.client.ui.fx.UiThread;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Recordings window: my recordings, newest first, the files of the one chosen (the mix first when
 * there is one) and the {@link PlayerViewModel} playing the file chosen. The disk is read on the
 * background executor; everything else is the UI thread's.
 */
public final class RecordingsViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingsViewModel.class);
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path root;
    private final Executor background;
    private final UiThread ui;
    private final PlayerViewModel player;
    private final ObservableList<RecordingLibrary.Folder> folders = FXCollections.observableArrayList();
    private final ObservableList<RecordingLibrary.Track> tracks = FXCollections.observableArrayList();
    private final ObjectProperty<RecordingLibrary.Folder> folder = new SimpleObjectProperty<>();
    private final ObjectProperty<RecordingLibrary.Track> track = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");

    /**
     * @param root     where recordings go, one folder each
     * @param speakers opens where to play, on {@code background}
     */
    public RecordingsViewModel(Path root, Supplier<AudioOutput> speakers, Executor background, UiThread ui) {
        this.root = root;
        this.background = background;
        this.ui = ui;
        this.player = new PlayerViewModel(speakers, background, ui);
    }

    /** Reads the recordings folder again; keeps the recording chosen when it is still there, else takes the newest. */
    public void refresh() {
        background.execute(() -> {
            List<RecordingLibrary.Folder> found;
            try {
                found = RecordingLibrary.list(root);
            } catch (IOException e) {
                LOG.warn("Cannot list the recordings in {}: {}", root, e.toString());
                ui.run(() -> note.set("Cannot read " + root + ": " + e.getMessage()));
                return;
            }
            ui.run(() -> listed(found));
        });
    }

    private void listed(List<RecordingLibrary.Folder> found) {
        Path chosen = folder.get() == null ? null : folder.get().folder();
        folders.setAll(found);
        note.set(found.isEmpty() ? "No recordings yet. The voice bar's Record button records your channel into "
                + root + "." : "");
        RecordingLibrary.Folder keep = found.stream().filter(f -> f.folder().equals(chosen)).findFirst()
                .orElse(found.isEmpty() ? null : found.get(0));
        if (keep != null && keep.folder().equals(chosen)) {
            // The same recording, maybe with a file more (a mix written since): what plays goes on.
            folder.set(keep);
            tracks.setAll(keep.tracks());
        } else {
            chooseFolder(keep);
        }
    }

    /** Shows {@code chosen}'s files and loads its default one (the mix when there is one). */
    public void chooseFolder(RecordingLibrary.Folder chosen) {
        if (Objects.equals(chosen, folder.get())) {
            return;
        }
        folder.set(chosen);
        tracks.setAll(chosen == null ? List.of() : chosen.tracks());
        chooseTrack(chosen == null ? null : chosen.defaultTrack());
    }

    /** Loads {@code chosen} into the player, paused at its start. */
    public void chooseTrack(RecordingLibrary.Track chosen) {
        if (Objects.equals(chosen, track.get())) {
            return;
        }
        track.set(chosen);
        if (chosen == null) {
            player.close();
        } else {
            player.load(chosen);
        }
    }

    /** "2026-12-02 10:22:05 · 3:12 · 3 files", or for a call "Call with bob · 2026-12-02 10:22:05 · …" */
    public static String describe(RecordingLibrary.Folder recording) {
        int files = recording.tracks().size();
        return recording.callPeer().map(peer -> "Call with " + peer + " · ").orElse("")
                + recording.startedAt().format(SHOWN_TIME) + " · " + PlayerViewModel.clock(recording.durationSamples())
                + " · " + files + (files == 1 ? " file" : " files");
    }

    /** "ann · 3:12" */
    public static String describe(RecordingLibrary.Track file) {
        return file.speaker() + " · " + (file.durationSamples() < 0 ? "unreadable"
                : PlayerViewModel.clock(file.durationSamples()));
    }

    public ObservableList<RecordingLibrary.Folder> folders() {
        return folders;
    }

    public ObservableList<RecordingLibrary.Track> tracks() {
        return tracks;
    }

    public ReadOnlyObjectProperty<RecordingLibrary.Folder> folderProperty() {
        return folder;
    }

    public ReadOnlyObjectProperty<RecordingLibrary.Track> trackProperty() {
        return track;
    }

    /** Why nothing lists, else "". */
    public ReadOnlyStringProperty noteProperty() {
        return note;
    }

    public PlayerViewModel player() {
        return player;
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        player.close();
    }
}
