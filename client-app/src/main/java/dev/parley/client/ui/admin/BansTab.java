package dev.parley.client.ui.admin;

import dev.parley.protocol.control.model.BanInfo;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/** The bans in force, newest first, and lifting one. Moderators and admins. UI thread only. */
final class BansTab extends Tab {
    BansTab(RoomAdminModel model) {
        super("Bans");
        setId("admin-tab-bans");
        setClosable(false);
        TableView<BanInfo> table = Tables.table("admin-bans", "Nobody is banned.");
        table.getColumns().add(Tables.column("Who", 140, BanInfo::name));
        table.getColumns().add(Tables.column("Address", 120, ban -> Tables.orEmpty(ban.address())));
        table.getColumns().add(Tables.column("Reason", 160, ban -> Tables.orEmpty(ban.reason())));
        table.getColumns().add(Tables.column("Until", 130,
                ban -> ban.expiresAt() == null ? "lifted" : Tables.when(ban.expiresAt())));
        table.getColumns().add(Tables.column("By", 100, BanInfo::byName));
        table.setItems(model.bans());
        Button lift = new Button("_Lift ban");
        lift.setId("admin-lift-ban");
        lift.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        lift.setOnAction(event -> model.liftBan(table.getSelectionModel().getSelectedItem()));
        Button refresh = new Button("_Refresh");
        refresh.setOnAction(event -> model.loadBans());
        BorderPane content = new BorderPane(table);
        FlowPane actions = new FlowPane(8, 8, lift, refresh);
        actions.setPadding(new Insets(8, 0, 0, 0));
        content.setBottom(actions);
        content.setPadding(new Insets(10));
        setContent(content);
        setOnSelectionChanged(event -> {
            if (isSelected()) {
                model.loadBans();
            }
        });
    }
}
