package dev.parley.client.ui.admin;

import dev.parley.protocol.control.model.InviteInfo;
import dev.parley.protocol.control.model.Role;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * Invite codes (admins and moderators): make one with its uses, lifetime and role, copy its
 * {@code parley://} link, revoke it. UI thread only.
 */
final class InvitesTab extends Tab {
    InvitesTab(InvitesModel model, Role self) {
        super("Invites");
        setId("admin-tab-invites");
        setClosable(false);
        TableView<InviteInfo> table = Tables.table("admin-invites",
                "No invites yet. An invite link lets someone register and trust this room in one click.");
        table.getColumns().add(Tables.column("Id", 50, invite -> Long.toString(invite.id())));
        table.getColumns().add(Tables.column("Role", 90, invite -> invite.role().wire()));
        table.getColumns().add(Tables.column("Used", 70, invite -> invite.uses() + " / " + invite.maxUses()));
        table.getColumns().add(Tables.column("Expires", 140,
                invite -> invite.expiresAt() == null ? "never" : Tables.when(invite.expiresAt())));
        table.getColumns().add(Tables.column("By", 120, invite -> invite.createdBy().name()));
        table.getColumns().add(Tables.column("Code", 200, InviteInfo::code));
        table.setItems(model.invites());

        Spinner<Integer> uses = new Spinner<>(1, 1000, 1);
        uses.setId("invite-uses");
        uses.setEditable(true);
        uses.setPrefWidth(90);
        Spinner<Integer> hours = new Spinner<>(0, 24 * 90, 24);
        hours.setId("invite-hours");
        hours.setEditable(true);
        hours.setPrefWidth(90);
        ComboBox<Role> role = new ComboBox<>();
        role.setId("invite-role");
        role.getItems().add(Role.MEMBER);
        role.getItems().add(Role.MODERATOR);
        if (self == Role.ADMIN) {
            role.getItems().add(Role.ADMIN);
        }
        role.setValue(Role.MEMBER);
        role.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Role value) {
                return value == null ? "" : value.wire();
            }

            @Override
            public Role fromString(String text) {
                return Role.fromWire(text);
            }
        });
        Button create = new Button("_Make invite");
        create.setId("invite-create");
        create.setOnAction(event -> model.create(uses.getValue(), hours.getValue(), role.getValue()));
        FlowPane form = new FlowPane(8, 8, new Label("Uses"), uses, new Label("Expires in hours (0: never)"), hours,
                new Label("Role"), role, create);

        Button copy = new Button("_Copy link");
        copy.setId("invite-copy");
        copy.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Label copied = new Label();
        copied.setId("invite-link-copied");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.link(table.getSelectionModel().getSelectedItem()));
            Clipboard.getSystemClipboard().setContent(content);
            copied.setText("Link copied.");
        });
        Button revoke = new Button("_Revoke…");
        revoke.setId("invite-revoke");
        revoke.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        revoke.setOnAction(event -> {
            InviteInfo invite = table.getSelectionModel().getSelectedItem();
            if (Prompts.confirm(table, "Revoke invite " + invite.id(),
                    "Revoke this invite? Its link lets nobody in any more; accounts it made stay.")) {
                model.revoke(invite);
            }
        });
        Button refresh = new Button("Re_fresh");
        refresh.setId("invite-refresh");
        refresh.setOnAction(event -> model.load());
        FlowPane actions = new FlowPane(8, 8, copy, revoke, refresh, copied);

        BorderPane content = new BorderPane(table);
        content.setTop(form);
        BorderPane.setMargin(form, new Insets(0, 0, 8, 0));
        content.setBottom(new VBox(actions));
        BorderPane.setMargin(content.getBottom(), new Insets(8, 0, 0, 0));
        content.setPadding(new Insets(10));
        setContent(content);
        setOnSelectionChanged(event -> {
            if (isSelected()) {
                model.load();
            }
        });
    }
}
