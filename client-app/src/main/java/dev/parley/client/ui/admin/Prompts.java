package dev.parley.client.ui.admin;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;

/** The small questions admin actions ask: a reason, a yes or no. UI thread only. */
final class Prompts {
    private Prompts() {
    }

    /** An optional reason; empty when the user cancelled. */
    static Optional<String> reason(Node owner, String title) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText("Reason (optional, shown to them)");
        dialog.getEditor().setId("admin-reason");
        ownedBy(dialog, owner);
        return dialog.showAndWait();
    }

    static boolean confirm(Node owner, String title, String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.setTitle(title);
        alert.setHeaderText(null);
        ownedBy(alert, owner);
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    static void ownedBy(javafx.scene.control.Dialog<?> dialog, Node owner) {
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
    }
}
