package dev.parley.client.ui.fx;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asks before something that cannot be undone (deleting a channel with its history, stopping a room
 * others are in). The safe answer is the default, so Enter or Escape never destroys. UI thread only.
 */
public final class Confirm {
    private Confirm() {
    }

    /** @param action the verb on the button that goes ahead ("Delete channel"); Cancel is the other */
    public static boolean ask(Window owner, String question, String consequence, String action) {
        ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, consequence, go, cancel);
        alert.setTitle(question);
        alert.setHeaderText(question);
        alert.getDialogPane().setId("confirm-dialog");
        // Long consequences wrap instead of being cut to one line with "…" (a JavaFX dialog keeps its first
        // height unless its minimum follows the preferred one); a quoted message can be long.
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.getDialogPane().setPrefWidth(460);
        if (owner != null) {
            alert.initOwner(owner);
            if (owner.getScene() != null) {
                alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        }
        Node goButton = alert.getDialogPane().lookupButton(go);
        goButton.setId("confirm-ok");
        ((javafx.scene.control.Button) goButton).setDefaultButton(false);
        Node cancelButton = alert.getDialogPane().lookupButton(cancel);
        cancelButton.setId("confirm-cancel");
        ((javafx.scene.control.Button) cancelButton).setDefaultButton(true);
        return alert.showAndWait().filter(answer -> answer == go).isPresent();
    }
}
