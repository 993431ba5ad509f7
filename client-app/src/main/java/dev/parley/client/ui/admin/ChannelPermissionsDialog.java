package dev.parley.client.ui.admin;

import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.PermissionState;
import dev.parley.protocol.control.model.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
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
 * Per-channel permission overrides: for each role below mine and each permission, allow, deny, or
 * follow the parent. It opens with what is in force ({@code channel.permissions}): each cell shows
 * whether the role has the permission now and why (set here, inherited from which channel, or the
 * role's default); Apply sends only the cells that changed. Against a room that cannot say, every
 * cell starts at "No change". UI thread only.
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

    /** How a cell starts: the override set in this channel, else "as the parent"; unknown: no change. */
    static Choice initial(PermissionState state, long channelId) {
        if (state == null) {
            return Choice.KEEP;
        }
        if (state.setIn() != null && state.setIn() == channelId) {
            return state.allowed() ? Choice.ALLOW : Choice.DENY;
        }
        return Choice.INHERIT;
    }

    /** "✓ allowed · default", "✗ denied · set here", "✗ denied · from #Games". */
    static String now(PermissionState state, long channelId, LongFunction<String> channelNames) {
        String verdict = state.allowed() ? "✓ allowed" : "✗ denied";
        if (state.setIn() == null) {
            return verdict + " · default";
        }
        return verdict + (state.setIn() == channelId ? " · set here" : " · from #" + channelNames.apply(state.setIn()));
    }

    /**
     * @param current what is in force, or null when the room could not say
     */
    static Optional<List<RoomAdminModel.PermissionChange>> ask(Node owner, String channelName, Role self, long channelId,
                                                               List<PermissionState> current, LongFunction<String> channelNames) {
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
        Map<String, PermissionState> states = new HashMap<>();
        if (current != null) {
            current.forEach(state -> states.put(state.role().wire() + "-" + state.permission().wire(), state));
        }
        List<ComboBox<Choice>> boxes = new ArrayList<>();
        Map<ComboBox<Choice>, Choice> initially = new HashMap<>();
        for (int row = 0; row < roles.size(); row++) {
            grid.add(new Label(roles.get(row).wire()), 0, row + 1);
            for (int column = 0; column < permissions.length; column++) {
                String key = roles.get(row).wire() + "-" + permissions[column].wire();
                PermissionState state = states.get(key);
                ComboBox<Choice> box = new ComboBox<>();
                if (current == null) {
                    box.getItems().setAll(Choice.values());
                } else {
                    box.getItems().setAll(Choice.ALLOW, Choice.DENY, Choice.INHERIT);
                }
                Choice start = initial(state, channelId);
                box.setValue(start);
                initially.put(box, start);
                box.setId("perm-" + key);
                box.setUserData(new RoomAdminModel.PermissionChange(roles.get(row), permissions[column], null));
                boxes.add(box);
                VBox cell = new VBox(2, box);
                if (state != null) {
                    Label now = new Label(now(state, channelId, channelNames));
                    now.setId("perm-" + key + "-now");
                    now.getStyleClass().add("perm-now");
                    cell.getChildren().add(now);
                }
                grid.add(cell, column + 1, row + 1);
            }
        }
        Label explain = new Label(current == null
                ? "This room does not say which permissions are set, so choose only what should change here; the rest"
                        + " stays as it is. It applies to the sub-channels too, unless they say otherwise. People who may"
                        + " no longer enter are moved to the lobby."
                : "Under each choice: what that role may do here now, and why. \"As the parent\" follows the channel"
                        + " above (or the role's default). Changes apply to the sub-channels too, unless they say otherwise."
                        + " People who may no longer enter are moved to the lobby.");
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
                if (box.getValue() != Choice.KEEP && box.getValue() != initially.get(box)) {
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
