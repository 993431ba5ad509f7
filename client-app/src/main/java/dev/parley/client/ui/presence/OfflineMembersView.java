package dev.parley.client.ui.presence;

import dev.parley.protocol.control.model.UserState;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** "Offline (n)": members who are not here, with when they were last seen; collapsed at first. UI thread only. */
public final class OfflineMembersView extends VBox {

    public OfflineMembersView(OfflineMembers model) {
        ListView<UserState> list = new ListView<>(model.entries());
        list.setId("offline-list");
        list.setPrefHeight(110);
        list.setMinHeight(50);
        Label none = new Label("Everyone is here.");
        none.setWrapText(true);
        list.setPlaceholder(none);
        list.setFocusTraversable(true);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(UserState member, boolean empty) {
                super.updateItem(member, empty);
                setText(null);
                if (empty || member == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(member.user().name());
                name.setId("offline-" + member.user().name());
                Label seen = new Label(OfflineMembers.lastSeen(member.lastSeen(), System.currentTimeMillis()));
                seen.setId("last-seen-" + member.user().name());
                seen.getStyleClass().add("chat-time");
                HBox row = new HBox(6, PresenceMarks.dot(member.presence()), name, seen);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
            }
        });
        TitledPane pane = new TitledPane();
        pane.setId("offline-pane");
        pane.textProperty().bind(Bindings.size(model.entries()).asString("Offline (%d)"));
        pane.setContent(list);
        pane.setExpanded(false);
        pane.setAnimated(false);
        getChildren().add(pane);
        setPadding(new Insets(6, 0, 0, 6));
    }
}
