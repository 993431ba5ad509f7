package dev.parley.client.ui.settings;

import dev.parley.client.ui.app.UserPreferences;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** Settings: devices, processing, codec, push-to-talk and whisper keys, theme, notifications. UI thread only. */
public final class SettingsDialog extends Dialog<UserPreferences> {

    public SettingsDialog(Window owner, SettingsViewModel model) {
        initOwner(owner);
        setTitle("Settings");
        setHeaderText(null);
        ChoiceBox<String> input = new ChoiceBox<>(model.inputs());
        input.valueProperty().bindBidirectional(model.inputProperty());
        ChoiceBox<String> output = new ChoiceBox<>(model.outputs());
        output.valueProperty().bindBidirectional(model.outputProperty());
        MicCheckViewModel micCheck = model.micCheck();
        Button test = new Button();
        test.setId("mic-test");
        test.textProperty().bind(javafx.beans.binding.Bindings.when(micCheck.runningProperty())
                .then("Stop test").otherwise("Test microphone"));
        test.setOnAction(event -> micCheck.toggle(model.chosenVoice()));
        test.setTooltip(new Tooltip("Hear yourself as others do"));
        ProgressBar micLevel = new ProgressBar();
        micLevel.setId("mic-test-level");
        micLevel.setPrefWidth(160);
        micLevel.progressProperty().bind(micCheck.levelProperty());
        micLevel.visibleProperty().bind(micCheck.runningProperty());
        Label micNote = new Label();
        micNote.setWrapText(true);
        micNote.setMaxWidth(420);
        micNote.textProperty().bind(micCheck.noteProperty());
        setOnHidden(event -> micCheck.close());
        CheckBox echo = new CheckBox("Echo cancellation");
        echo.selectedProperty().bindBidirectional(model.echoCancellationProperty());
        CheckBox noise = new CheckBox("Noise suppression");
        noise.selectedProperty().bindBidirectional(model.noiseSuppressionProperty());
        CheckBox gain = new CheckBox("Automatic gain control");
        gain.selectedProperty().bindBidirectional(model.gainControlProperty());
        ChoiceBox<Integer> bitrate = new ChoiceBox<>();
        bitrate.getItems().setAll(SettingsViewModel.BITRATES);
        bitrate.setValue(model.bitrateProperty().get());
        bitrate.valueProperty().addListener((obs, old, value) -> model.bitrateProperty().set(value));
        ChoiceBox<Integer> frame = new ChoiceBox<>();
        frame.getItems().setAll(SettingsViewModel.FRAME_MILLIS);
        frame.setValue(model.frameMillisProperty().get());
        frame.valueProperty().addListener((obs, old, value) -> model.frameMillisProperty().set(value));
        Button ptt = new Button();
        ptt.setId("settings-ptt-key");
        javafx.beans.binding.StringBinding pttName = javafx.beans.binding.Bindings.createStringBinding(
                () -> SettingsViewModel.pttDisplayName(model.pttKeyProperty().get()), model.pttKeyProperty());
        ptt.textProperty().bind(pttName);
        ptt.setTooltip(new Tooltip("Click, then press a key or the middle, back or forward mouse button"));
        ptt.setOnAction(event -> captureKey(ptt, model.pttKeyProperty(), pttName));
        Button whisper = new Button();
        whisper.setId("settings-whisper-key");
        javafx.beans.binding.StringBinding whisperName = javafx.beans.binding.Bindings.createStringBinding(
                () -> SettingsViewModel.pttDisplayName(model.whisperKeyProperty().get()), model.whisperKeyProperty());
        whisper.textProperty().bind(whisperName);
        whisper.setTooltip(new Tooltip("Hold it to talk only to the people or the channel selected in the channel tree."
                + " Click, then press a key or the middle, back or forward mouse button"));
        whisper.setOnAction(event -> captureKey(whisper, model.whisperKeyProperty(), whisperName));
        ChoiceBox<String> theme = new ChoiceBox<>();
        theme.getItems().setAll(UserPreferences.DARK, UserPreferences.LIGHT);
        theme.valueProperty().bindBidirectional(model.themeProperty());
        javafx.scene.control.Spinner<Integer> away = new javafx.scene.control.Spinner<>(0, 240,
                model.awayAfterMinutesProperty().get(), 5);
        away.setId("settings-away-minutes");
        away.setEditable(true);
        away.setPrefWidth(90);
        away.valueProperty().addListener((obs, old, value) -> model.awayAfterMinutesProperty().set(value == null ? 0 : value));
        Label awayNote = new Label("minutes idle (0: never)");
        CheckBox notifications = new CheckBox("Notify me of direct messages and mentions");
        notifications.selectedProperty().bindBidirectional(model.notificationsProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, new Label("Microphone"), input, test);
        grid.addRow(row++, new Label("Speakers"), output, micLevel);
        grid.add(micNote, 1, row++, 2, 1);
        grid.addRow(row++, new Label("Processing"), echo);
        grid.addRow(row++, new Label(), noise);
        grid.addRow(row++, new Label(), gain);
        grid.addRow(row++, new Label("Bitrate (bps)"), bitrate);
        grid.addRow(row++, new Label("Frame (ms)"), frame);
        grid.addRow(row++, new Label("Push-to-talk key"), ptt);
        grid.addRow(row++, new Label("Whisper key"), whisper);
        grid.addRow(row++, new Label("Theme"), theme);
        grid.addRow(row++, new Label("Away after"), away, awayNote);
        grid.add(new Label("Notifications"), 0, row);
        grid.add(notifications, 1, row, 2, 1);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
        // Takes its row while it says something (running, or why the test could not run), never drawn over the next row.
        micNote.managedProperty().bind(micCheck.noteProperty().isNotEmpty());
        micNote.visibleProperty().bind(micNote.managedProperty());
        getDialogPane().setContent(new javafx.scene.control.TabPane(new javafx.scene.control.Tab("General", grid),
                new javafx.scene.control.Tab("Diagnostics", new DiagnosticsPage(DiagnosticsPage.defaultDirs()))));
        ((javafx.scene.control.TabPane) getDialogPane().getContent()).setTabClosingPolicy(
                javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        // The mic-test note appears and goes: grow with it so OK and Cancel are never cut off.
        setResizable(true);
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        micCheck.runningProperty().addListener((obs, was, running) -> javafx.application.Platform.runLater(() -> {
            if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
                getDialogPane().getScene().getWindow().sizeToScene();
            }
        }));
        setResultConverter(button -> button == ButtonType.OK ? model.save() : null);
    }

    /**
     * The next key, or middle, back or forward mouse button, becomes the push-to-talk (or whisper) trigger
     * (the primary button only finishes the click that started this, and cannot talk).
     */
    private static void captureKey(Button ptt, javafx.beans.property.StringProperty preference,
                                   javafx.beans.binding.StringBinding pttName) {
        ptt.textProperty().unbind();
        ptt.setText("press a key or mouse button…");
        javafx.scene.Scene scene = ptt.getScene();
        javafx.event.EventHandler<javafx.scene.input.InputEvent>[] handler = new javafx.event.EventHandler[1];
        handler[0] = input -> {
            String chosen = null;
            if (input instanceof KeyEvent key && key.getEventType() == KeyEvent.KEY_PRESSED) {
                chosen = key.getCode().name();
            } else if (input instanceof javafx.scene.input.MouseEvent mouse
                    && mouse.getEventType() == javafx.scene.input.MouseEvent.MOUSE_PRESSED
                    && switch (mouse.getButton()) {
                        case MIDDLE, BACK, FORWARD -> true;
                        default -> false;
                    }) {
                chosen = dev.parley.client.ui.voice.PushToTalkKeys.MOUSE_PREFIX + mouse.getButton().name();
            }
            if (chosen != null) {
                preference.set(chosen);
                scene.removeEventFilter(javafx.scene.input.InputEvent.ANY, handler[0]);
                ptt.textProperty().bind(pttName);
                input.consume();
            }
        };
        scene.addEventFilter(javafx.scene.input.InputEvent.ANY, handler[0]);
    }

    public Optional<UserPreferences> ask() {
        return showAndWait();
    }

    /** Adds a page after the others (the room's privacy options, while in a room). */
    public void addTab(javafx.scene.control.Tab tab) {
        ((javafx.scene.control.TabPane) getDialogPane().getContent()).getTabs().add(tab);
    }
}
