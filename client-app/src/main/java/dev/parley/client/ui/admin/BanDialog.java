package dev.parley.client.ui.admin;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Asks why, for how long, and whether to ban the address too. UI thread only. */
final class BanDialog {
    private BanDialog() {
    }

    /** @param online whether the person is connected now (only then is their address known) */
    static Optional<BanChoice> ask(Node owner, String name, boolean guest, boolean online) {
        Dialog<BanChoice> dialog = new Dialog<>();
        dialog.setTitle("Ban " + name);
        dialog.setHeaderText(null);
        TextField reason = new TextField();
        reason.setId("ban-reason");
        reason.setPromptText("Shown to them when they try to come back");
        ComboBox<BanChoice.Length> length = new ComboBox<>();
        length.setId("ban-length");
        length.getItems().setAll(BanChoice.Length.values());
        length.setValue(BanChoice.Length.FOREVER);
        CheckBox address = new CheckBox("Also ban the address they connect from");
        address.setId("ban-address");
        address.setSelected(guest);
        address.setDisable(guest || !online);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Reason"), reason);
        grid.addRow(1, new Label("How long"), length);
        grid.add(address, 1, 2);
        if (guest) {
            grid.add(new Label("A guest has no account: the ban holds their address."), 1, 3);
        }
        dialog.getDialogPane().setContent(grid);
        ButtonType ban = new ButtonType("Ban", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ban, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ban
                ? new BanChoice(reason.getText(), length.getValue(), address.isSelected()) : null);
        Prompts.ownedBy(dialog, owner);
        javafx.application.Platform.runLater(reason::requestFocus);
        return dialog.showAndWait();
    }
}
