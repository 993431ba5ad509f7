package dev.parley.client.ui.call;

import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The call banner under the window's header: "Calling bob…" with Cancel, "ann is calling" with Accept and
 * Decline, "In a call with bob" with the time, "● Recording (bob)" while anyone records the call, whom I
 * talk to, Record and Hang up, then how it ended, fading out. Hidden while there is no call. Thin over
 * {@link CallViewModel} and {@link CallRecordingViewModel}; UI thread only.
 */
public final class CallBar extends HBox {
    /** The ended sentence fades over its last second (the model hides the bar when its time is up). */
    private static final Duration FADE = Duration.seconds(1);

    private final SequentialTransition fadeOut;

    public CallBar(CallViewModel model, CallRecordingViewModel recording) {
        setId("call-bar");
        getStyleClass().add("call-bar");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 10, 6, 10));

        Label status = new Label();
        status.setId("call-status");
        status.getStyleClass().add("call-status");
        status.textProperty().bind(model.textProperty());
        status.setMinWidth(0);
        status.setWrapText(true);
        Label elapsed = new Label();
        elapsed.setId("call-elapsed");
        elapsed.getStyleClass().add("call-elapsed");
        elapsed.textProperty().bind(model.elapsedProperty());
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button cancel = button("call-cancel", "Cancel", model::cancel, model, CallPhase.CALLING);
        Button accept = button("call-accept", "Accept", model::accept, model, CallPhase.INCOMING);
        accept.getStyleClass().add("success");
        accept.setDefaultButton(false);
        Button decline = button("call-decline", "Decline", model::decline, model, CallPhase.INCOMING);
        decline.getStyleClass().add("danger");
        ToggleButton talkTo = new ToggleButton();
        talkTo.setId("call-talk-to");
        talkTo.textProperty().bind(model.talkingToProperty());
        talkTo.selectedProperty().bindBidirectional(model.talkToCallProperty());
        talkTo.setTooltip(new Tooltip("Whom your microphone talks to: your call, or your channel."
                + " Both keep being heard."));
        showIn(talkTo, model, CallPhase.ACTIVE);
        Button hangUp = button("call-hangup", "Hang up", model::hangUp, model, CallPhase.ACTIVE);
        hangUp.getStyleClass().add("danger");
        Label recorders = new Label();
        recorders.setId("call-recording");
        recorders.getStyleClass().add("recording-indicator");
        recorders.setStyle("-fx-text-fill: #d32f2f; -fx-font-weight: bold;");
        recorders.textProperty().bind(recording.indicatorProperty());
        recorders.visibleProperty().bind(recording.indicatorProperty().isNotEmpty());
        recorders.managedProperty().bind(recorders.visibleProperty());
        // Beside the call's name and time: the part that must never give way when the bar is narrow.
        recorders.setMinWidth(Region.USE_PREF_SIZE);
        ToggleButton record = new ToggleButton("Record");
        record.setId("call-record");
        record.setMinWidth(Region.USE_PREF_SIZE);
        record.selectedProperty().bindBidirectional(recording.recordingProperty());
        record.setOnAction(event -> recording.setRecording(record.isSelected()));
        Tooltip recordTip = new Tooltip();
        recordTip.textProperty().bind(javafx.beans.binding.Bindings.when(recording.noticeProperty().isEmpty())
                .then("Record this call: both voices, into your recordings. Both of you see that it is recorded.")
                .otherwise(recording.noticeProperty()));
        record.setTooltip(recordTip);
        showIn(record, model, CallPhase.ACTIVE);
        getChildren().addAll(status, elapsed, recorders, spacer, accept, decline, cancel, talkTo, record, hangUp);

        visibleProperty().bind(model.phaseProperty().isNotEqualTo(CallPhase.NONE));
        managedProperty().bind(visibleProperty());
        model.phaseProperty().addListener((obs, old, now) -> restyle(model));
        model.problemProperty().addListener((obs, old, now) -> restyle(model));

        PauseTransition hold = new PauseTransition(javafx.util.Duration.millis(
                CallViewModel.ENDED_SHOWN_FOR.toMillis()).subtract(FADE));
        FadeTransition fade = new FadeTransition(FADE, this);
        fade.setFromValue(1);
        fade.setToValue(0.2);
        fadeOut = new SequentialTransition(hold, fade);
        model.phaseProperty().addListener((obs, old, now) -> {
            fadeOut.stop();
            setOpacity(1);
            if (now == CallPhase.ENDED) {
                fadeOut.playFromStart();
            }
        });
        restyle(model);
    }

    /** The bar's colour says what is going on: ringing for me stands out most; a refusal reads as one. */
    private void restyle(CallViewModel model) {
        getStyleClass().removeAll("call-incoming", "call-active", "call-ended", "call-problem");
        if (model.problemProperty().get()) {
            getStyleClass().add("call-problem");
        }
        switch (model.phaseProperty().get()) {
            case INCOMING -> getStyleClass().add("call-incoming");
            case ACTIVE -> getStyleClass().add("call-active");
            case ENDED -> getStyleClass().add("call-ended");
            default -> { }
        }
    }

    private static Button button(String id, String text, Runnable action, CallViewModel model, CallPhase shownIn) {
        Button button = new Button(text);
        button.setId(id);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setOnAction(event -> action.run());
        showIn(button, model, shownIn);
        return button;
    }

    private static void showIn(javafx.scene.Node node, CallViewModel model, CallPhase phase) {
        BooleanBinding shown = model.phaseProperty().isEqualTo(phase);
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }
}
