package dev.parley.client.ui.admin;

import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/**
 * Every account with its role and presence; admins promote, demote and delete, moderators and admins
 * kick and ban (lower ranks only). Buttons stay disabled where the server would refuse. UI thread only.
 */
final class MembersTab extends Tab {
    MembersTab(RoomAdminModel model, ObjectProperty<Role> selfRole, LongProperty selfId) {
        super("Members & roles");
        setId("admin-tab-members");
        setClosable(false);
        TableView<UserState> table = Tables.table("admin-members", "Nobody here yet.");
        table.getColumns().add(Tables.column("Name", 180, user -> user.user().name()));
        table.getColumns().add(Tables.column("Role", 110, user -> user.user().role().wire()));
        table.getColumns().add(Tables.column("Presence", 110, user -> user.presence().wire()));
        table.setItems(model.members());

        var selected = table.getSelectionModel().selectedItemProperty();
        BooleanBinding admin = Bindings.createBooleanBinding(() -> AdminRights.isAdmin(selfRole.get()), selfRole);
        BooleanBinding changeRole = Bindings.createBooleanBinding(() -> selected.get() != null
                && AdminRights.canChangeRole(selfRole.get(), selected.get().id(), selected.get().id() == selfId.get()),
                selected, selfRole, selfId);
        BooleanBinding outranked = Bindings.createBooleanBinding(() -> selected.get() != null
                && selected.get().id() != selfId.get()
                && AdminRights.canBan(selfRole.get(), selected.get().user().role()), selected, selfRole, selfId);
        BooleanBinding online = Bindings.createBooleanBinding(() -> selected.get() != null
                && selected.get().presence() != Presence.OFFLINE, selected);

        Button moderator = roleButton("Make _moderator", "admin-make-moderator", Role.MODERATOR, model, table, changeRole);
        Button member = roleButton("Make m_ember", "admin-make-member", Role.MEMBER, model, table, changeRole);
        Button makeAdmin = roleButton("Make a_dmin", "admin-make-admin", Role.ADMIN, model, table, changeRole);
        makeAdmin.setOnAction(event -> {
            UserState user = table.getSelectionModel().getSelectedItem();
            if (Prompts.confirm(table, "Make " + user.user().name() + " an admin",
                    "Admins can do everything, including changing your own role. Make " + user.user().name() + " an admin?")) {
                model.setRole(user.id(), user.user().name(), Role.ADMIN);
            }
        });
        Button kick = new Button("_Kick…");
        kick.setId("admin-kick");
        kick.disableProperty().bind(outranked.and(online).not());
        kick.setOnAction(event -> {
            UserState user = table.getSelectionModel().getSelectedItem();
            Prompts.reason(table, "Kick " + user.user().name()).ifPresent(reason -> model.kick(user.id(), user.user().name(), reason));
        });
        Button ban = new Button("_Ban…");
        ban.setId("admin-ban");
        ban.disableProperty().bind(outranked.not());
        ban.setOnAction(event -> {
            UserState user = table.getSelectionModel().getSelectedItem();
            BanDialog.ask(table, user.user().name(), user.id() < 0, user.presence() != Presence.OFFLINE)
                    .ifPresent(choice -> model.ban(user.id(), user.user().name(), choice));
        });
        Button delete = new Button("_Delete account…");
        delete.setId("admin-delete-account");
        delete.disableProperty().bind(changeRole.and(admin).and(Bindings.createBooleanBinding(() -> selected.get() != null
                && selected.get().user().role() != Role.ADMIN, selected)).not());
        delete.setOnAction(event -> {
            UserState user = table.getSelectionModel().getSelectedItem();
            if (Prompts.confirm(table, "Delete " + user.user().name(), "Delete the account " + user.user().name()
                    + " and its direct messages for good? Its channel messages stay.")) {
                model.deleteAccount(user.id(), user.user().name(), null);
            }
        });
        Button refresh = new Button("_Refresh");
        refresh.setOnAction(event -> model.loadMembers());
        for (Button adminOnly : new Button[] {moderator, member, makeAdmin, delete}) {
            adminOnly.visibleProperty().bind(admin);
            adminOnly.managedProperty().bind(admin);
        }
        FlowPane actions = new FlowPane(8, 8, moderator, member, makeAdmin, kick, ban, delete, refresh);
        actions.setPadding(new Insets(8, 0, 0, 0));
        BorderPane content = new BorderPane(table);
        content.setBottom(actions);
        content.setPadding(new Insets(10));
        setContent(content);
        setOnSelectionChanged(event -> {
            if (isSelected()) {
                model.loadMembers();
            }
        });
    }

    private static Button roleButton(String text, String id, Role role, RoomAdminModel model, TableView<UserState> table,
                                     BooleanBinding allowed) {
        Button button = new Button(text);
        button.setId(id);
        button.disableProperty().bind(allowed.and(Bindings.createBooleanBinding(() -> {
            UserState user = table.getSelectionModel().getSelectedItem();
            return user != null && user.user().role() != role;
        }, table.getSelectionModel().selectedItemProperty())).not());
        button.setOnAction(event -> {
            UserState user = table.getSelectionModel().getSelectedItem();
            model.setRole(user.id(), user.user().name(), role);
        });
        return button;
    }
}
