package dev.parley.client.ui.host;

import dev.parley.client.ui.app.RoomSession;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** "Host a room" form. Thin: everything goes through {@link HostViewModel}. */
public final class HostView extends VBox {

    public HostView(HostViewModel model, Consumer<RoomSession> hosted) {
        setSpacing(12);
        setPadding(new Insets(16));
        Label intro = new Label("Run a room on this computer. Others on your network see it in their list; "
                + "people elsewhere type your address.");
        intro.setWrapText(true);
        TextField name = new TextField();
        name.setId("host-name");
        name.textProperty().bindBidirectional(model.roomNameProperty());
        TextField port = new TextField();
        port.setId("host-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(model.portProperty());
        PasswordField password = new PasswordField();
        password.setId("host-password");
        password.setPromptText("optional");
        password.textProperty().bindBidirectional(model.passwordProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Room name"), name);
        form.addRow(1, new Label("Port"), port);
        form.addRow(2, new Label("Room password"), password);
        Button start = new Button("Host room");
        start.setId("host-start");
        start.setDefaultButton(true);
        start.disableProperty().bind(model.busyProperty());
        start.setOnAction(event -> model.host().thenAccept(hosted));
        Label error = new Label();
        error.setId("host-error");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(model.errorProperty());
        error.setWrapText(true);
        // A long error wraps beside the button instead of squeezing it to "…".
        error.setMinWidth(0);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(error, javafx.scene.layout.Priority.ALWAYS);
        start.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // Starting a room takes a few seconds (database, certificate): say what is happening meanwhile.
        javafx.scene.control.ProgressIndicator spinner = new javafx.scene.control.ProgressIndicator();
        spinner.setId("host-progress");
        spinner.setPrefSize(18, 18);
        Label step = new Label();
        step.setId("host-step");
        step.textProperty().bind(model.stepProperty());
        HBox progress = new HBox(8, spinner, step);
        progress.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        progress.visibleProperty().bind(model.busyProperty());
        progress.managedProperty().bind(model.busyProperty());
        getChildren().addAll(intro, form, new HBox(12, start, error), progress);
    }
}
