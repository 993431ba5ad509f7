package dev.parley.client.ui.e2e;

import dev.parley.client.core.e2e.Verification;
import dev.parley.protocol.control.model.ChannelInfo;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * "Members & keys" of a shared-key channel (or "Encrypt with shared key" for any other): each member with where
 * their identity key stands (✓ verified, unverified, ⚠ key changed, no key) and our safety number, and the
 * buttons that change who holds the key. A thin view over {@link MembersAndKeys}; not modal, so the user can
 * read the room while comparing numbers. UI thread only.
 */
public final class SharedKeyDialog {
    private SharedKeyDialog() {
    }

    public static void show(Window owner, EncryptionViewModel model, ChannelInfo channel) {
        MembersAndKeys members = new MembersAndKeys(model, channel);
        Dialog<Void> dialog = new Dialog<>();
        dialog.initModality(Modality.NONE);
        if (owner != null) {
            dialog.initOwner(owner);
            if (owner.getScene() != null) {
                dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        }
        dialog.getDialogPane().setId("e2e-members-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);

        Label explain = new Label();
        explain.setWrapText(true);
        VBox rows = new VBox(6);
        rows.setId("e2e-members");
        ListView<MembersAndKeys.Candidate> picker = new ListView<>(members.candidates());
        picker.setId("e2e-candidates");
        picker.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        picker.setPrefHeight(140);
        Button addSelected = new Button();
        addSelected.setId("e2e-add-selected");
        addSelected.setDefaultButton(true);
        addSelected.setOnAction(event -> members.add(List.copyOf(picker.getSelectionModel().getSelectedItems())));
        VBox pick = new VBox(6, new Label("Whom to give the key to (they need to have signed in once with the app):"),
                picker, addSelected);
        Button addPeople = new Button("Add people…");
        addPeople.setId("e2e-add-people");
        addPeople.setOnAction(event -> show(pick, true));
        Label status = new Label();
        status.setId("e2e-members-status");
        status.setWrapText(true);
        status.textProperty().bind(members.statusProperty());
        addSelected.disableProperty().bind(members.busyProperty());
        addPeople.disableProperty().bind(members.busyProperty());

        Runnable layout = () -> {
            boolean shared = members.shared();
            ChannelInfo now = members.channelProperty().get();
            dialog.setTitle((shared ? "Members & keys of #" : "Encrypt #") + now.name());
            dialog.setHeaderText(shared ? "#" + now.name() + " is encrypted with a shared key"
                    : "Encrypt #" + now.name() + " with a shared key");
            explain.setText(shared
                    ? "Each member holds the key on their desktop. Compare safety numbers with each person (read them"
                    + " aloud, or side by side); if they match, mark them verified. Adding or removing someone makes a"
                    + " new key: whoever is removed keeps what they could read and cannot read what comes next."
                    : "Parley makes a random key and gives it to you and the people you choose, sealed to their"
                    + " identity keys: no passphrase to share, and the room cannot read the channel from then on."
                    + " Messages written before stay as they were.");
            addSelected.setText(shared ? "Add" : "Encrypt for them");
            addPeople.setVisible(shared);
            addPeople.setManaged(shared);
            show(pick, !shared || pick.isVisible());
            fit(dialog);
        };
        members.members().addListener((javafx.collections.ListChangeListener<SharedMembers.Member>) change -> {
            drawRows(rows, members);
            fit(dialog);
        });
        members.channelProperty().addListener((obs, old, now) -> layout.run());
        layout.run();
        show(pick, !members.shared());

        VBox content = new VBox(10, explain, rows, addPeople, pick, status);
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setPrefWidth(560);
        dialog.getDialogPane().setContent(content);

        // Keys, members and epochs move while it is open (someone else rekeyed, a key arrived): read again.
        ChangeListener<Number> revision = (obs, old, now) -> members.reload();
        model.revisionProperty().addListener(revision);
        dialog.setOnHidden(event -> model.revisionProperty().removeListener(revision));
        members.reload();
        dialog.show();
    }

    private static void drawRows(VBox rows, MembersAndKeys members) {
        rows.getChildren().clear();
        for (SharedMembers.Member member : members.members()) {
            Label name = new Label(member.self() ? member.name() + " (you)" : member.name());
            name.setId("e2e-member-" + member.userId());
            name.setMinWidth(110);
            Label state = new Label(member.stateText());
            state.setId("e2e-member-state-" + member.userId());
            if (member.state() == Verification.CHANGED) {
                // The one thing to act on: the room hands out another key than the one compared.
                state.getStyleClass().add("error-text");
                state.setStyle("-fx-font-weight: bold;");
            }
            Label safety = new Label(member.safetyNumber() == null ? "" : member.safetyNumber());
            safety.setId("e2e-safety-" + member.userId());
            safety.setStyle("-fx-font-family: monospace;");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(10, name, state, safety, spacer);
            row.setAlignment(Pos.CENTER_LEFT);
            if (member.state() == Verification.UNVERIFIED || member.state() == Verification.CHANGED) {
                Button verify = new Button("Mark as verified");
                verify.setId("e2e-verify-" + member.userId());
                verify.setOnAction(event -> members.markVerified(member));
                verify.disableProperty().bind(members.busyProperty());
                row.getChildren().add(verify);
            }
            if (!member.self()) {
                Button remove = new Button("Remove");
                remove.setId("e2e-remove-" + member.userId());
                remove.setOnAction(event -> members.remove(member));
                remove.disableProperty().bind(members.busyProperty());
                row.getChildren().add(remove);
            }
            rows.getChildren().add(row);
        }
    }

    private static void fit(Dialog<?> dialog) {
        if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
            dialog.getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    private static void show(VBox part, boolean shown) {
        part.setVisible(shown);
        part.setManaged(shown);
    }
}
