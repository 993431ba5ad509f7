package dev.parley.client.ui.e2e;

import dev.parley.client.ui.fx.Failures;
import dev.parley.protocol.control.model.ChannelInfo;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Asks for an encrypted channel's passphrase, derives the key (off the UI thread, through the view-model) and
 * then shows the verification code to compare with the others. Not modal: the user can read the room while it
 * is open, and a double click that started it still joins. UI thread only.
 */
public final class PassphraseDialog {
    private PassphraseDialog() {
    }

    public static void show(Window owner, EncryptionViewModel model, ChannelInfo channel) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.setTitle("Passphrase for #" + channel.name());
        dialog.setHeaderText("#" + channel.name() + " is end-to-end encrypted");
        dialog.initModality(Modality.NONE);
        if (owner != null) {
            dialog.initOwner(owner);
            if (owner.getScene() != null) {
                dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        }
        dialog.getDialogPane().setId("e2e-passphrase-dialog");
        Label explain = new Label("Enter the passphrase the channel's members agreed on (key " + channel.e2e().epoch()
                + "). It stays on this computer and is forgotten when Parley quits.");
        explain.setWrapText(true);
        PasswordField field = new PasswordField();
        field.setId("e2e-passphrase");
        Label state = new Label();
        state.setId("e2e-state");
        state.setWrapText(true);
        Label code = new Label();
        code.setId("e2e-code");
        code.setWrapText(true);
        code.setVisible(false);
        code.setManaged(false);
        VBox content = new VBox(8, explain, field, state, code);
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setPrefWidth(420);
        dialog.getDialogPane().setContent(content);
        ButtonType unlock = new ButtonType("Unlock", ButtonBar.ButtonData.OK_DONE);
        ButtonType later = new ButtonType("Not now", ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(unlock, later);
        Button unlockButton = (Button) dialog.getDialogPane().lookupButton(unlock);
        unlockButton.setId("e2e-unlock");
        boolean[] derived = {false};
        unlockButton.addEventFilter(ActionEvent.ACTION, event -> {
            if (derived[0]) {
                return; // "Done": close
            }
            event.consume(); // stay open: derive first, then show the code
            char[] passphrase = field.getText().toCharArray();
            field.clear(); // the text is not kept in the field once handed over
            field.setDisable(true);
            unlockButton.setDisable(true);
            state.setText("Working out the key…");
            model.unlock(channel, passphrase).whenComplete((key, failure) -> {
                field.setDisable(false);
                unlockButton.setDisable(false);
                if (failure != null) {
                    state.setText(Failures.sentence(failure));
                    field.requestFocus();
                    return;
                }
                derived[0] = true;
                state.setText("Key " + key.epoch() + " is ready: you can read and talk in #" + channel.name() + ".");
                code.setText("Compare this code with the others: " + key.verificationCode());
                code.setVisible(true);
                code.setManaged(true);
                field.setVisible(false);
                field.setManaged(false);
                unlockButton.setText("Done");
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            });
        });
        dialog.setResultConverter(button -> derived[0]);
        dialog.setOnHidden(event -> model.dismissed(channel, derived[0]));
        dialog.setOnShown(event -> Platform.runLater(field::requestFocus));
        dialog.show();
    }
}
