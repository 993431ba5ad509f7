package dev.parley.client.ui.voice;

import dev.parley.client.core.audio.capture.TransmitMode;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** The voice bar. Thin over {@link VoiceBarViewModel}; UI thread only. */
public final class VoiceBarView extends HBox {
    /** The notice and audio-health line; the window places it above the bar ({@link #notices()}). */
    private final HBox notices;
    private final VoiceBarViewModel model;

    public VoiceBarView(VoiceBarViewModel model) {
        this.model = model;
        setId("voice-bar");
        getStyleClass().add("voice-bar");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 10, 6, 10));

        ChoiceBox<TransmitMode> mode = new ChoiceBox<>();
        mode.setId("transmit-mode");
        mode.getItems().setAll(TransmitMode.values());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(TransmitMode value) {
                return value == null ? "" : switch (value) {
                    case PUSH_TO_TALK -> "Push to talk";
                    case VOICE_ACTIVITY -> "Voice activity";
                    case ALWAYS_ON -> "Always on";
                };
            }

            @Override
            public TransmitMode fromString(String text) {
                return null;
            }
        });
        mode.valueProperty().bindBidirectional(model.transmitModeProperty());

        Button ptt = new Button("Hold to talk");
        ptt.setId("ptt-button");
        ptt.visibleProperty().bind(model.transmitModeProperty().isEqualTo(TransmitMode.PUSH_TO_TALK));
        ptt.managedProperty().bind(ptt.visibleProperty());
        ptt.setOnMousePressed(event -> model.pushToTalkProperty().set(true));
        ptt.setOnMouseReleased(event -> model.pushToTalkProperty().set(false));

        Label transmitting = new Label("●");
        transmitting.setId("transmit-indicator");
        transmitting.getStyleClass().add("transmit-indicator");
        model.transmittingProperty().addListener((obs, old, on) -> {
            transmitting.getStyleClass().remove("on");
            if (on) {
                transmitting.getStyleClass().add("on");
            }
        });
        // A whisper lights the dot in its own colour: talking, but not to the channel.
        WhisperViewModel whisper = model.whisper();
        whisper.whisperingProperty().addListener((obs, old, on) -> {
            transmitting.getStyleClass().remove("whisper");
            if (on) {
                transmitting.getStyleClass().add("whisper");
            }
        });

        LevelMeter meter = new LevelMeter(model.levelProperty(), model.thresholdProperty(), model::commitThreshold);

        ToggleButton mute = new ToggleButton("Mute");
        mute.setId("mute-toggle");
        mute.setSelected(model.mutedProperty().get());
        mute.selectedProperty().addListener((obs, old, on) -> model.setMuted(on));
        ToggleButton deafen = new ToggleButton("Deafen");
        deafen.setId("deafen-toggle");
        deafen.setSelected(model.deafenedProperty().get());
        deafen.selectedProperty().addListener((obs, old, on) -> model.setDeafened(on));

        Label link = new Label();
        link.setId("link-quality");
        link.getStyleClass().add("link-quality");
        link.textProperty().bind(model.linkProperty());
        Label health = new Label();
        health.setId("audio-health");
        health.getStyleClass().add("error-text");
        health.textProperty().bind(model.audioHealthProperty());
        health.visibleProperty().bind(model.audioHealthProperty().isNotEmpty());
        health.managedProperty().bind(health.visibleProperty());
        Label notice = new Label();
        notice.setId("voice-notice");
        notice.getStyleClass().add("error-text");
        notice.textProperty().bind(model.noticeProperty());
        Tooltip noticeTip = new Tooltip();
        noticeTip.textProperty().bind(model.noticeProperty());
        notice.setTooltip(noticeTip);
        // The notice gives way when the window is narrow and wraps onto more lines rather than ending in "…"
        // (at 800 px in push-to-talk it read "No sound device fou…"); the controls keep their size.
        notice.setMinWidth(0);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.setWrapText(true);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(notice, Priority.ALWAYS);
        health.setWrapText(true);
        health.setMinWidth(0);
        health.setMinHeight(Region.USE_PREF_SIZE);
        Tooltip healthTip = new Tooltip();
        healthTip.textProperty().bind(model.audioHealthProperty());
        health.setTooltip(healthTip);
        for (Region control : new Region[] {mode, ptt, mute, deafen}) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        // The link figures give way too (whole in the tooltip): with "Hold to talk" showing they made the bar,
        // and so the whole window, wider than 800 px, cutting off the header's buttons on the right.
        link.setMinWidth(0);
        Tooltip linkTip = new Tooltip();
        linkTip.textProperty().bind(model.linkProperty());
        link.setTooltip(linkTip);
        getChildren().addAll(transmitting, mode, ptt, meter, mute, deafen, link);
        // The notice and the audio health get a line of their own above the controls, shown only while one of
        // them says something: beside the controls (and the Record toggle) at 800 px they were squeezed to a few
        // pixels, wrapped letter by letter and pushed the bar off the window.
        // Whispers are said on the same line: to whom I whisper (or why I cannot), and who whispers to me.
        Label whisperStatus = whisperLabel("whisper-status", whisper.statusProperty());
        whisper.problemProperty().addListener((obs, old, problem) -> whisperStatus.getStyleClass()
                .setAll("label", problem ? "error-text" : "whisper-status"));
        whisperStatus.getStyleClass().setAll("label", "whisper-status");
        Label heard = whisperLabel("whisper-heard", whisper.heardProperty());
        heard.getStyleClass().add("whisper-status");
        notices = new HBox(12, whisperStatus, heard, notice, health);
        notices.getStyleClass().add("voice-notices");
        notices.setPadding(new javafx.geometry.Insets(2, 8, 0, 8));
        notices.visibleProperty().bind(model.noticeProperty().isNotEmpty().or(model.audioHealthProperty().isNotEmpty())
                .or(whisper.statusProperty().isNotEmpty()).or(whisper.heardProperty().isNotEmpty()));
        notices.managedProperty().bind(notices.visibleProperty());

        model.refreshLink();
        model.startLinkRefresh();
    }

    /** A whisper line's label: shown only while it says something, giving way when the window is narrow. */
    private static Label whisperLabel(String id, javafx.beans.property.StringProperty text) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        label.setMinWidth(0);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    /** The line with the voice notice and audio health, for the window to show above the bar. */
    public Node notices() {
        return notices;
    }

    /** Adds the Record toggle and the "● Recording" indicator everyone in my channel sees. */
    public void addRecording(RecordingViewModel recording) {
        addRecording(recording, null);
    }

    /**
     * Adds the Record toggle, whose context menu opens my recordings ({@code openRecordings}, may be null),
     * and the "● Recording" indicator everyone in my channel sees.
     */
    public void addRecording(RecordingViewModel recording, Runnable openRecordings) {
        ToggleButton record = new ToggleButton("Record");
        record.setId("record-toggle");
        record.setMinWidth(Region.USE_PREF_SIZE);
        record.selectedProperty().bindBidirectional(recording.recordingProperty());
        record.setOnAction(event -> recording.setRecording(record.isSelected()));
        Tooltip recordTip = new Tooltip();
        recordTip.textProperty().bind(recording.noticeProperty());
        record.setTooltip(recordTip);
        if (openRecordings != null) {
            javafx.scene.control.MenuItem recordings = new javafx.scene.control.MenuItem("Recordings…");
            recordings.setId("open-recordings");
            recordings.setOnAction(event -> openRecordings.run());
            javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(recordings);
            record.setContextMenu(menu);
            // From the keyboard too (Shift+F10 or the Menu key), as the tree's and the chat's menus open.
            record.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
                if (event.getCode() == javafx.scene.input.KeyCode.CONTEXT_MENU
                        || (event.getCode() == javafx.scene.input.KeyCode.F10 && event.isShiftDown())) {
                    menu.show(record, javafx.geometry.Side.TOP, 0, 0);
                    event.consume();
                }
            });
            // Until there is something to say about the last recording, the tooltip says where they are.
            recordTip.textProperty().bind(javafx.beans.binding.Bindings.when(recording.noticeProperty().isEmpty())
                    .then("Record your channel. Right-click to play your recordings.")
                    .otherwise(recording.noticeProperty()));
        }
        Label indicator = new Label();
        indicator.setId("recording-indicator");
        indicator.getStyleClass().add("recording-indicator");
        indicator.setStyle("-fx-text-fill: #d32f2f; -fx-font-weight: bold;");
        indicator.textProperty().bind(recording.indicatorProperty());
        indicator.visibleProperty().bind(recording.indicatorProperty().isNotEmpty());
        indicator.managedProperty().bind(indicator.visibleProperty());
        indicator.setMinWidth(Region.USE_PREF_SIZE);
        // Beside the mute switches: the indicator must never be the part that gives way.
        int at = getChildren().indexOf(lookup("#deafen-toggle")) + 1;
        getChildren().addAll(at, java.util.List.of(record, indicator));
    }

    public void stop() {
        model.stopLinkRefresh();
    }
}
