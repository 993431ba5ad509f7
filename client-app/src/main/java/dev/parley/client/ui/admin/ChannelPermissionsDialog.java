package dev.parley.client.ui.admin;

import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Per-channel permission overrides: for each role below mine and each permission, leave it, allow,
 * deny, or follow the parent again. The room does not tell clients the overrides in force (PROTOCOL.md,
 * "Permissions and roles"), so the dialog asks only for changes. UI thread only.
 */
final class ChannelPermissionsDialog {
    /** What to do with one permission of one role. */
    enum Choice {
        KEEP("No change", null), ALLOW("Allow", Boolean.TRUE), DENY("Deny", Boolean.FALSE), INHERIT("As the parent", null);

        private final String words;
        private final Boolean allowed;

        Choice(String words, Boolean allowed) {
            this.words = words;
            this.allowed = allowed;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    private ChannelPermissionsDialog() {
    }

    /** The roles I may override: those strictly below mine (an admin: every role but admin). */
    static List<Role> editableRoles(Role self) {
        return self == Role.ADMIN ? List.of(Role.MODERATOR, Role.MEMBER, Role.GUEST)
                : self == Role.MODERATOR ? List.of(Role.MEMBER, Role.GUEST) : List.of();
    }

    static Optional<List<RoomAdminModel.PermissionChange>> ask(Node owner, String channelName, Role self) {
        Dialog<List<RoomAdminModel.PermissionChange>> dialog = new Dialog<>();
        dialog.setTitle("Permissions of #" + channelName);
        dialog.setHeaderText(null);
        GridPane grid = new GridPane();
        grid.setId("channel-permissions");
        grid.setHgap(8);
        grid.setVgap(8);
        List<Role> roles = editableRoles(self);
        Permission[] permissions = Permission.values();
        for (int column = 0; column < permissions.length; column++) {
            grid.add(new Label(permissions[column].wire()), column + 1, 0);
        }
        List<ComboBox<Choice>> boxes = new ArrayList<>();
        for (int row = 0; row < roles.size(); row++) {
            grid.add(new Label(roles.get(row).wire()), 0, row + 1);
            for (int column = 0; column < permissions.length; column++) {
                ComboBox<Choice> box = new ComboBox<>();
                box.getItems().setAll(Choice.values());
                box.setValue(Choice.KEEP);
                box.setId("perm-" + roles.get(row).wire() + "-" + permissions[column].wire());
                box.setUserData(new RoomAdminModel.PermissionChange(roles.get(row), permissions[column], null));
                boxes.add(box);
                grid.add(box, column + 1, row + 1);
            }
        }
        Label explain = new Label("Choose only what should change here; the rest stays as it is. It applies to the"
                + " sub-channels too, unless they say otherwise. People who may no longer enter are moved to the lobby.");
        explain.setWrapText(true);
        explain.setMaxWidth(640);
        VBox content = new VBox(12, explain, grid);
        content.setPadding(new Insets(12));
        dialog.getDialogPane().setContent(content);
        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(apply, ButtonType.CANCEL);
        dialog.setResultConverter(button -> {
            if (button != apply) {
                return null;
            }
            List<RoomAdminModel.PermissionChange> changes = new ArrayList<>();
            for (ComboBox<Choice> box : boxes) {
                if (box.getValue() != Choice.KEEP) {
                    RoomAdminModel.PermissionChange cell = (RoomAdminModel.PermissionChange) box.getUserData();
                    changes.add(new RoomAdminModel.PermissionChange(cell.role(), cell.permission(), box.getValue().allowed));
                }
            }
            return changes;
        });
        Prompts.ownedBy(dialog, owner);
        return dialog.showAndWait();
    }
}
