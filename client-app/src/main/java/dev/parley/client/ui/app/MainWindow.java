package dev.parley.client.ui.app;

import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.ui.chat.ChatView;
import dev.parley.client.ui.notify.NotificationPolicy;
import dev.parley.client.ui.notify.DesktopNotifier;
import dev.parley.client.ui.room.ChannelTreeView;
import dev.parley.client.ui.voice.VoiceBarView;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The main window's content: header with connection state, channel tree, chat, voice bar. UI thread only. */
public final class MainWindow extends BorderPane {
    private final VoiceBarView voiceBar;

    public MainWindow(MainViewModel model, DesktopNotifier notifier, Consumer<String> openLink, Runnable openSettings,
                      Runnable leave) {
        setId("main-window");
        Label room = new Label();
        room.getStyleClass().add("room-title");
        room.textProperty().bind(model.titleProperty());
        Label status = new Label();
        status.setId("connection-status");
        status.getStyleClass().add("connection-status");
        status.textProperty().bind(model.statusProperty());
        model.connectionProperty().addListener((obs, old, now) -> {
            status.getStyleClass().removeAll("state-ok", "state-warn", "state-bad");
            status.getStyleClass().add(now.state() == ConnectionState.CONNECTED ? "state-ok"
                    : now.state() == ConnectionState.DISCONNECTED ? "state-bad" : "state-warn");
        });
        status.getStyleClass().add("state-ok");
        Label hostInfo = new Label(model.session().hosted()
                .map(hosted -> "Hosting · others join at " + String.join(", ", hosted.addresses())).orElse(""));
        hostInfo.setId("host-addresses");
        hostInfo.getStyleClass().add("host-info");
        Button settings = new Button("Settings");
        settings.setId("open-settings");
        settings.setOnAction(event -> openSettings.run());
        Button leaveButton = new Button(model.session().hosted().isPresent() ? "Stop hosting" : "Leave");
        leaveButton.setOnAction(event -> leave.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, room, status, hostInfo, spacer, settings, leaveButton);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 10, 8, 10));
        header.getStyleClass().add("header-bar");

        ChannelTreeView tree = new ChannelTreeView(model.tree(), model::openChannelChat, model::openDirect,
                user -> model.volumes().volumeOf(user.name()),
                (user, percent, settled) -> model.volumes().set(user.id(), user.name(), percent, settled));
        Label treeNotice = new Label();
        treeNotice.getStyleClass().add("error-text");
        treeNotice.setWrapText(true);
        treeNotice.textProperty().bind(model.tree().noticeProperty());
        VBox left = new VBox(tree, treeNotice);
        VBox.setVgrow(tree, Priority.ALWAYS);
        ChatView chat = new ChatView(model.chat(), openLink);
        SplitPane split = new SplitPane(left, chat);
        split.setDividerPositions(0.3);
        voiceBar = new VoiceBarView(model.voiceBar());
        setTop(header);
        setCenter(split);
        setBottom(voiceBar);

        model.setNotifier(message -> {
            if (getScene() != null && getScene().getWindow() != null) {
                notifier.show(getScene().getWindow(), NotificationPolicy.title(message), message.text());
            }
        });
    }

    public void stop() {
        voiceBar.stop();
    }
}
