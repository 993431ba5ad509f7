package dev.parley.client.ui.record;

import dev.parley.client.core.record.RecordingLibrary;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Recordings": the recordings on the left (newest first), the chosen one's files on the right with a
 * player under them (play/pause, a seek bar that follows the position and seeks when dragged, elapsed
 * and total time, whose voice it is). Closing the window stops playing. UI thread only.
 */
public final class RecordingsWindow {
    private final Stage stage = new Stage();
    private final RecordingsViewModel model;
    /** True while the seek bar is moved to follow playback, so that move is not taken for the user's seek. */
    private boolean following;

    /**
     * @param openFolder opens a folder in the system's file manager (a {@code file:} URI); null: no button
     */
    public RecordingsWindow(Window owner, RecordingsViewModel model, Consumer<String> openFolder) {
        this.model = model;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Recordings");

        ListView<RecordingLibrary.Folder> folders = new ListView<>(model.folders());
        folders.setId("recording-folders");
        folders.setCellFactory(view -> cell(RecordingsViewModel::describe));
        Label none = new Label();
        none.setWrapText(true);
        none.textProperty().bind(model.noteProperty());
        none.setId("recordings-note");
        folders.setPlaceholder(none);
        folders.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.chooseFolder(now);
            }
        });
        select(folders, model.folderProperty().get());
        model.folderProperty().addListener((obs, old, now) -> select(folders, now));
        // Listed again (Refresh): the recording chosen stays highlighted.
        model.folders().addListener((ListChangeListener<RecordingLibrary.Folder>) change ->
                select(folders, model.folderProperty().get()));

        ListView<RecordingLibrary.Track> tracks = new ListView<>(model.tracks());
        tracks.setId("recording-tracks");
        tracks.setCellFactory(view -> cell(RecordingsViewModel::describe));
        tracks.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.chooseTrack(now);
            }
        });
        model.trackProperty().addListener((obs, old, now) -> select(tracks, now));
        // Listed again (a file more): the track playing stays chosen.
        model.tracks().addListener((ListChangeListener<RecordingLibrary.Track>) change ->
                select(tracks, model.trackProperty().get()));
        select(tracks, model.trackProperty().get());

        VBox right = new VBox(8, tracks, player(model.player()));
        VBox.setVgrow(tracks, Priority.ALWAYS);
        right.setPadding(new Insets(8));
        if (openFolder != null) {
            Button open = new Button("Open folder");
            open.setId("recordings-open-folder");
            open.disableProperty().bind(model.folderProperty().isNull());
            open.setOnAction(event -> openFolder.accept(model.folderProperty().get().folder().toUri().toString()));
            Button refresh = new Button("Refresh");
            refresh.setId("recordings-refresh");
            refresh.setOnAction(event -> model.refresh());
            right.getChildren().add(new HBox(8, open, refresh));
        }
        SplitPane split = new SplitPane(folders, right);
        split.setDividerPositions(0.45);
        split.setId("recordings-window");
        stage.setScene(new Scene(split, 760, 420));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setOnHidden(event -> model.close());
    }

    private VBox player(PlayerViewModel player) {
        Label speaker = new Label();
        speaker.setId("player-speaker");
        speaker.getStyleClass().add("section-title");
        speaker.textProperty().bind(player.speakerProperty());
        Button play = new Button();
        play.setId("player-play");
        play.setMinWidth(Region.USE_PREF_SIZE);
        play.textProperty().bind(Bindings.when(player.playingProperty()).then("Pause").otherwise("Play"));
        play.disableProperty().bind(model.trackProperty().isNull());
        play.setOnAction(event -> player.togglePlay());
        Slider seek = new Slider(0, 1, 0);
        seek.setId("player-seek");
        seek.maxProperty().bind(player.durationProperty());
        seek.disableProperty().bind(player.readyProperty().not());
        HBox.setHgrow(seek, Priority.ALWAYS);
        player.positionProperty().addListener((obs, old, now) -> {
            // The user's hand wins over playback while dragging.
            if (!seek.isValueChanging()) {
                following = true;
                seek.setValue(now.doubleValue());
                following = false;
            }
        });
        // A click on the bar (a value change without a drag) seeks at once; a drag seeks where it is let go.
        seek.valueProperty().addListener((obs, old, now) -> {
            if (!following && !seek.isValueChanging()) {
                player.seek(now.doubleValue());
            }
        });
        seek.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                player.seek(seek.getValue());
            }
        });
        Label elapsed = new Label();
        elapsed.setId("player-elapsed");
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
        elapsed.textProperty().bind(player.elapsedProperty());
        Label total = new Label();
        total.setId("player-total");
        total.setMinWidth(Region.USE_PREF_SIZE);
        total.textProperty().bind(Bindings.concat("/ ", player.totalProperty()));
        HBox controls = new HBox(8, play, seek, elapsed, total);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label();
        note.setId("player-note");
        note.getStyleClass().add("error-text");
        note.setWrapText(true);
        note.textProperty().bind(player.noteProperty());
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        return new VBox(6, speaker, controls, note);
    }

    /** Lists the recordings and shows the window (brought to the front when already open). */
    public void show() {
        model.refresh();
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    public RecordingsViewModel model() {
        return model;
    }

    private static <T> void select(ListView<T> list, T item) {
        if (item == null) {
            list.getSelectionModel().clearSelection();
        } else if (list.getSelectionModel().getSelectedItem() != item) {
            list.getSelectionModel().select(item);
        }
    }

    private static <T> ListCell<T> cell(java.util.function.Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }
}
