package dev.parley.client.ui.connect;

import dev.parley.client.core.net.JoinLink;
import dev.parley.client.ui.app.RecentServer;
import dev.parley.client.ui.app.RoomSession;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The join form with recent servers and rooms found on the LAN. Thin: everything goes through {@link ConnectViewModel}. */
public final class ConnectView extends VBox {
    private static final long PING_REFRESH_SECONDS = 10;
    /** Re-measures the LAN rooms' pings while this screen shows; UI thread only. */
    private dev.parley.client.core.Subscription pings;

    public ConnectView(ConnectViewModel model, Consumer<RoomSession> joined) {
        setSpacing(8);
        setPadding(new Insets(12, 16, 12, 16));

        TextField host = new TextField();
        host.setId("connect-host");
        host.textProperty().bindBidirectional(model.hostProperty());
        // A pasted invite link is taken apart into address, port and trust; later, because the field's text
        // cannot be replaced from inside its own change (the binding would leave the field showing the link).
        host.textProperty().addListener((obs, old, now) -> {
            if (JoinLink.isLink(now == null ? null : now.strip())) {
                javafx.application.Platform.runLater(model::takeLinkFromAddress);
            }
        });
        TextField port = new TextField();
        port.setId("connect-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(model.portProperty());
        ChoiceBox<SignInMode> mode = new ChoiceBox<>();
        mode.setId("connect-mode");
        mode.getItems().setAll(SignInMode.values());
        mode.valueProperty().bindBidirectional(model.modeProperty());
        TextField username = new TextField();
        username.setId("connect-username");
        username.setPromptText("username or nickname");
        username.textProperty().bindBidirectional(model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("connect-password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        password.disableProperty().bind(model.needsPassword().not());
        PasswordField roomPassword = new PasswordField();
        roomPassword.setId("connect-room-password");
        roomPassword.setPromptText("only if the room has one");
        roomPassword.textProperty().bindBidirectional(model.serverPasswordProperty());
        roomPassword.disableProperty().bind(model.needsServerPassword().not());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Address"), new HBox(6, host, new Label(":"), port));
        form.addRow(1, new Label("Sign in"), mode);
        form.addRow(2, new Label("Name"), username);
        form.addRow(3, new Label("Password"), password);
        form.addRow(4, new Label("Room password"), roomPassword);

        Button join = new Button("Join");
        join.setId("connect-join");
        join.setDefaultButton(true);
        join.disableProperty().bind(model.busyProperty());
        join.setOnAction(event -> model.connect().thenAccept(joined));
        Label error = new Label();
        error.setId("connect-error");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(model.errorProperty());
        error.setWrapText(true);
        // A long error wraps beside the button instead of squeezing it to "…".
        error.setMinWidth(0);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(error, javafx.scene.layout.Priority.ALWAYS);
        join.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // While joining, the greyed Join says why: which step the sign-in is at (it can take seconds).
        Label stage = new Label();
        stage.setId("connect-stage");
        stage.getStyleClass().add("host-info");
        stage.textProperty().bind(model.stageProperty());
        stage.visibleProperty().bind(model.busyProperty());
        stage.managedProperty().bind(model.busyProperty());
        stage.setMinWidth(0);

        ListView<LanRoom> lan = new ListView<>(model.lanRooms());
        lan.setId("connect-lan");
        lan.setPrefHeight(72);
        Label lanHint = new Label();
        lanHint.setId("connect-lan-hint");
        lanHint.setWrapText(true);
        lanHint.textProperty().bind(model.lanHintProperty());
        lan.setPlaceholder(lanHint);
        lan.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(LanRoom row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.label());
                setId(empty || row == null ? null : "lan-room-" + row.room().port());
            }
        });
        lan.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            // A refreshed row (users online, ping) for the same room does not fill the form in again.
            if (row != null && (old == null || !old.room().serviceName().equals(row.room().serviceName())
                    || !old.room().address().equals(row.room().address()))) {
                model.choose(row.room());
            }
        });
        // Choosing a room (double-click, or Enter on it) fills the form in and joins.
        lan.setOnMouseClicked(event -> {
            LanRoom row = lan.getSelectionModel().getSelectedItem();
            if (event.getClickCount() == 2 && row != null) {
                model.join(row.room()).thenAccept(joined);
            }
        });
        lan.setOnKeyPressed(event -> {
            LanRoom row = lan.getSelectionModel().getSelectedItem();
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER && row != null) {
                event.consume();
                model.join(row.room()).thenAccept(joined);
            }
        });

        // Pings go stale (a busy Wi-Fi, a host under load): measured again every few seconds while this screen shows.
        // A timer thread, not a Timeline: a running animation keeps JavaFX redrawing 60 times a second.
        sceneProperty().addListener((obs, old, scene) -> {
            if (pings != null) {
                pings.close();
                pings = null;
            }
            if (scene != null) {
                pings = dev.parley.client.ui.fx.UiTicker.every(java.time.Duration.ofSeconds(PING_REFRESH_SECONDS),
                        dev.parley.client.ui.fx.UiThread.fx(), model::refreshPings);
            }
        });

        ListView<RecentServer> recent = new ListView<>(model.recentServers());
        recent.setId("connect-recent");
        recent.setPrefHeight(72);
        VBox.setVgrow(recent, Priority.SOMETIMES);
        recent.setPlaceholder(new Label("Rooms you join appear here."));
        recent.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(RecentServer server, boolean empty) {
                super.updateItem(server, empty);
                setText(empty || server == null ? null : server.label());
            }
        });
        recent.getSelectionModel().selectedItemProperty().addListener((obs, old, server) -> {
            if (server != null) {
                model.choose(server);
            }
        });
        // A click (or Enter) on a room chosen to log in to: the password is what is left to type. Arrow keys keep
        // the caret in the list, so a keyboard user can still look through it.
        Runnable askPassword = () -> {
            if (recent.getSelectionModel().getSelectedItem() != null && model.modeProperty().get() == SignInMode.LOG_IN
                    && model.passwordProperty().get().isEmpty()) {
                password.requestFocus();
            }
        };
        recent.setOnMouseClicked(event -> askPassword.run());
        recent.setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER) {
                askPassword.run();
            }
        });

        Label lanTitle = new Label("Rooms on your network");
        lanTitle.getStyleClass().add("section-title");
        Label recentTitle = new Label("Recent");
        recentTitle.getStyleClass().add("section-title");
        VBox.setVgrow(lan, Priority.SOMETIMES);
        // The form and Join come first so they stay in view in a small window; the lists take what is left.
        lan.setMinHeight(44);
        recent.setMinHeight(44);
        HBox joinRow = new HBox(12, join, stage, error);
        joinRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label invite = new Label();
        invite.setId("connect-invite-note");
        invite.getStyleClass().add("success-text");
        invite.setWrapText(true);
        invite.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        invite.textProperty().bind(model.inviteNoteProperty());
        invite.visibleProperty().bind(model.inviteNoteProperty().isNotEmpty());
        invite.managedProperty().bind(invite.visibleProperty());
        // The note asks for a name: the caret goes where it is typed.
        model.inviteNoteProperty().addListener((obs, old, note) -> {
            if (!note.isEmpty() && model.usernameProperty().get().isBlank()) {
                username.requestFocus();
            }
        });
        getChildren().addAll(form, joinRow, lanTitle, lan, recentTitle, recent);
        getChildren().add(0, invite);
    }
}
