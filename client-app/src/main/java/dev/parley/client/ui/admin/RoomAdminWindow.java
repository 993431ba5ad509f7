package dev.parley.client.ui.admin;

import dev.parley.protocol.control.model.Role;
import java.util.Objects;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The "Room admin" window: tabs for what my role may do (admins: settings, members and roles, bans,
 * invites, approvals, audit log; moderators: members, bans and invites). Rebuilds its tabs when my role changes. UI thread only.
 */
final class RoomAdminWindow {
    private final Stage stage = new Stage();
    private final TabPane tabs = new TabPane();
    private final RoomAdminModel model;
    private final ObjectProperty<Role> selfRole;
    private final LongProperty selfId;
    private final InvitesModel invites;

    RoomAdminWindow(Window owner, RoomAdminModel model, ObjectProperty<Role> selfRole, LongProperty selfId,
                    InvitesModel invites) {
        this.invites = invites;
        this.model = model;
        this.selfRole = selfRole;
        this.selfId = selfId;
        tabs.setId("admin-tabs");
        Label notice = new Label();
        notice.setId("admin-notice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty());
        BorderPane root = new BorderPane(tabs);
        root.setBottom(notice);
        BorderPane.setMargin(notice, new Insets(6, 12, 10, 12));
        root.setId("room-admin");
        Scene scene = new Scene(root, 760, 500);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        stage.setScene(scene);
        stage.initOwner(owner);
        stage.setMinWidth(520);
        stage.setMinHeight(360);
        stage.setTitle("Room admin");
        scene.setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                stage.close();
            }
        });
        model.settingsProperty().addListener((obs, old, now) -> {
            if (now != null) {
                stage.setTitle("Room admin — " + now.name());
            }
        });
        selfRole.addListener((obs, old, now) -> buildTabs());
        buildTabs();
    }

    private void buildTabs() {
        Role role = Objects.requireNonNullElse(selfRole.get(), Role.GUEST);
        tabs.getTabs().clear();
        if (AdminRights.isAdmin(role)) {
            tabs.getTabs().add(new SettingsTab(model));
        }
        if (AdminRights.canBan(role)) {
            tabs.getTabs().add(new MembersTab(model, selfRole, selfId));
            tabs.getTabs().add(new BansTab(model));
            tabs.getTabs().add(new InvitesTab(invites, role));
        }
        if (AdminRights.isAdmin(role)) {
            tabs.getTabs().add(new ApprovalsTab(model));
            tabs.getTabs().add(new AuditTab(model));
        }
        if (!tabs.getTabs().isEmpty()) {
            // The first tab is selected without a selection change: load it here.
            tabs.getSelectionModel().select(0);
            loadFirst();
        }
    }

    private void loadFirst() {
        String id = tabs.getTabs().get(0).getId();
        if ("admin-tab-settings".equals(id)) {
            model.loadSettings();
        } else {
            model.loadMembers();
        }
    }

    void show() {
        model.noticeProperty().set("");
        if (!stage.isShowing()) {
            loadFirst();
        }
        stage.show();
        stage.toFront();
        tabs.requestFocus();
    }

    /** Shows the tab with this id, if my role has it. */
    void select(String tabId) {
        tabs.getTabs().stream().filter(tab -> tabId.equals(tab.getId())).findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
    }

    boolean showing() {
        return stage.isShowing();
    }

    void close() {
        stage.close();
    }
}
