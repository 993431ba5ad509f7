package dev.parley.client.ui.app;

import dev.parley.client.ui.connect.ConnectView;
import dev.parley.client.ui.connect.ConnectViewModel;
import dev.parley.client.ui.host.HostView;
import dev.parley.client.ui.host.HostViewModel;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;

/** The first screen: join a room or host one. UI thread only. */
public final class StartScreen extends VBox {
    private final TabPane tabs;
    private final Tab hostTab;

    public StartScreen(ConnectViewModel connect, HostViewModel host, Consumer<RoomSession> entered) {
        setId("start-screen");
        Label title = new Label("Parley");
        title.getStyleClass().add("app-title");
        Tab join = new Tab("Join a room", scrolling(new ConnectView(connect, entered)));
        join.setId("tab-join");
        Tab hostTab = new Tab("Host a room", scrolling(new HostView(host, entered)));
        hostTab.setId("tab-host");
        tabs = new TabPane(join, hostTab);
        this.hostTab = hostTab;
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setSpacing(8);
        setStyle("-fx-padding: 16;");
        VBox.setVgrow(tabs, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(title, tabs);
    }

    /** Opens on "Host a room" (after stopping one: its name and port are still there, hosting again is one click). */
    public StartScreen showingHost() {
        tabs.getSelectionModel().select(hostTab);
        return this;
    }

    /** In a small window the form scrolls instead of pushing Join off the bottom. */
    private static javafx.scene.control.ScrollPane scrolling(javafx.scene.Node content) {
        javafx.scene.control.ScrollPane pane = new javafx.scene.control.ScrollPane(content);
        pane.setFitToWidth(true);
        pane.setFitToHeight(true);
        pane.getStyleClass().add("edge-to-edge");
        return pane;
    }
}
