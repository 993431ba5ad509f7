package dev.parley.client.ui.friends;

import dev.parley.client.ui.presence.PresenceMarks;
import dev.parley.protocol.control.model.FriendStatus;
import java.util.function.LongConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The "Friends" section beside the direct messages: a badge with the requests waiting for me, friends
 * with presence, requests with Accept / Decline (theirs) or Cancel (mine), and on a friend a menu with
 * "Message" and "Unfriend"; a click or Enter on a friend opens our conversation. Thin over
 * {@link FriendsViewModel}; UI thread only.
 */
public final class FriendsView extends VBox {
    /** Height of the list while it only shows its hint (two lines in a pane of usual width). */
    private static final double EMPTY_HEIGHT = 60;
    public FriendsView(FriendsViewModel model, LongConsumer openDirect) {
        setId("friends-section");
        Label title = new Label("Friends");
        title.getStyleClass().add("section-title");
        Label badge = new Label();
        badge.setId("friends-badge");
        badge.getStyleClass().add("unread-badge");
        badge.textProperty().bind(model.waitingProperty().asString());
        badge.visibleProperty().bind(model.waitingProperty().greaterThan(0));
        badge.managedProperty().bind(badge.visibleProperty());
        HBox heading = new HBox(6, title, badge);
        heading.setAlignment(Pos.CENTER_LEFT);

        ListView<FriendsViewModel.Row> list = new ListView<>(model.rows());
        list.setId("friends-list");
        // Three rows (a request with its buttons, two friends) stay in view; the channel tree gives way. With no
        // friends yet only the one-line hint shows, so a small window keeps its room for the channel tree.
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.when(javafx.beans.binding.Bindings.isEmpty(model.rows()))
                .then(EMPTY_HEIGHT).otherwise(120.0));
        list.minHeightProperty().bind(javafx.beans.binding.Bindings.when(javafx.beans.binding.Bindings.isEmpty(model.rows()))
                .then(EMPTY_HEIGHT).otherwise(110.0));
        Label none = new Label("No friends yet. Right-click someone and choose \"Add friend\".");
        none.setId("friends-placeholder");
        none.setWrapText(true);
        none.setPadding(new Insets(4));
        none.setMinHeight(Region.USE_PREF_SIZE);
        none.maxWidthProperty().bind(list.widthProperty().subtract(16));
        list.setPlaceholder(none);
        list.setCellFactory(view -> new Cell(model, openDirect));
        list.setOnMouseClicked(event -> {
            FriendsViewModel.Row chosen = list.getSelectionModel().getSelectedItem();
            if (chosen != null && chosen.status() == FriendStatus.FRIEND && event.getButton() == MouseButton.PRIMARY
                    && event.getClickCount() == 2) {
                openDirect.accept(chosen.userId());
            }
        });
        list.setOnKeyPressed(event -> {
            FriendsViewModel.Row chosen = list.getSelectionModel().getSelectedItem();
            if (chosen != null && chosen.status() == FriendStatus.FRIEND && event.getCode() == KeyCode.ENTER) {
                openDirect.accept(chosen.userId());
                event.consume();
            }
        });

        Label notice = new Label();
        notice.setId("friends-notice");
        notice.setWrapText(true);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        notice.getStyleClass().add("error-text");
        model.noticeIsGoodNewsProperty().addListener((obs, old, good) ->
                notice.getStyleClass().setAll("label", good ? "success-text" : "error-text"));

        setSpacing(4);
        setPadding(new Insets(6, 0, 0, 6));
        getChildren().addAll(heading, list, notice);
    }

    /** A friend: "Message" and "Unfriend"; a request: the same answers as its buttons. */
    private static java.util.List<MenuItem> menuItems(FriendsViewModel model, FriendsViewModel.Row row, LongConsumer openDirect) {
        return switch (row.status()) {
            case FRIEND -> java.util.List.of(menuItem("Message", "menu-friend-message", () -> openDirect.accept(row.userId())),
                    menuItem("Unfriend", "menu-unfriend", () -> model.unfriend(row.userId(), row.name())));
            case INCOMING -> java.util.List.of(menuItem("Accept", "menu-friend-accept", () -> model.accept(row.userId(), row.name())),
                    menuItem("Decline", "menu-friend-decline", () -> model.decline(row.userId(), row.name())));
            case OUTGOING -> java.util.List.of(menuItem("Cancel request", "menu-friend-cancel",
                    () -> model.cancel(row.userId(), row.name())));
            case NONE -> java.util.List.of();
        };
    }

    private static MenuItem menuItem(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(event -> action.run());
        return item;
    }

    /** A friend or request: presence dot, name, presence word, the buttons its state allows, and a menu. */
    private static final class Cell extends ListCell<FriendsViewModel.Row> {
        private final FriendsViewModel model;
        private final LongConsumer openDirect;

        Cell(FriendsViewModel model, LongConsumer openDirect) {
            this.model = model;
            this.openDirect = openDirect;
        }

        @Override
        protected void updateItem(FriendsViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            setContextMenu(null);
            if (empty || row == null) {
                setGraphic(null);
                setId(null);
                return;
            }
            setId("friend-row-" + row.name());
            Label name = new Label(row.name());
            name.setId("friend-" + row.name());
            name.setMinWidth(0);
            HBox line = new HBox(6);
            line.setAlignment(Pos.CENTER_LEFT);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            switch (row.status()) {
                case FRIEND -> {
                    line.getChildren().addAll(PresenceMarks.dot(row.presence()), name);
                    PresenceMarks.tag(row.presence(), "friend-presence-" + row.name()).ifPresent(line.getChildren()::add);
                    if (row.presence() == dev.parley.protocol.control.model.Presence.ONLINE) {
                        Label online = new Label("online");
                        online.setId("friend-presence-" + row.name());
                        online.getStyleClass().addAll("presence-tag", "presence-online-tag");
                        line.getChildren().add(online);
                    }
                }
                case INCOMING -> {
                    Label asks = new Label("wants to be friends");
                    asks.getStyleClass().add("presence-tag");
                    asks.setMinWidth(0);
                    line.getChildren().addAll(name, asks, gap,
                            button("Accept", "friend-accept-" + row.name(), () -> model.accept(row.userId(), row.name())),
                            button("Decline", "friend-decline-" + row.name(), () -> model.decline(row.userId(), row.name())));
                }
                case OUTGOING -> {
                    Label sent = new Label("request sent");
                    sent.getStyleClass().add("presence-tag");
                    sent.setMinWidth(0);
                    line.getChildren().addAll(name, sent, gap,
                            button("Cancel", "friend-cancel-" + row.name(), () -> model.cancel(row.userId(), row.name())));
                }
                case NONE -> line.getChildren().add(name);
            }
            setGraphic(line);
            java.util.List<MenuItem> items = menuItems(model, row, openDirect);
            setContextMenu(items.isEmpty() ? null : new ContextMenu(items.toArray(MenuItem[]::new)));
        }

        private static Button button(String text, String id, Runnable action) {
            Button button = new Button(text);
            button.setId(id);
            button.getStyleClass().add("small");
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setOnAction(event -> action.run());
            return button;
        }
    }
}
