package dev.parley.client.ui.admin;

import dev.parley.protocol.control.message.RoomAdmin;
import dev.parley.protocol.control.model.Registration;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

/** The room's name, room password, guests and registration policy, for admins. UI thread only. */
final class SettingsTab extends Tab {
    private final TextField name = new TextField();
    private final PasswordField password = new PasswordField();
    private final CheckBox removePassword = new CheckBox("Remove the room password");
    private final Label passwordNow = new Label();
    private final CheckBox guests = new CheckBox("Guests may join without an account");
    private final ComboBox<Registration> registration = new ComboBox<>();

    SettingsTab(RoomAdminModel model) {
        super("Settings");
        setId("admin-tab-settings");
        setClosable(false);
        name.setId("admin-room-name");
        name.setPrefColumnCount(24);
        password.setId("admin-room-password");
        password.setPromptText("New room password (empty keeps it)");
        removePassword.setId("admin-remove-password");
        password.disableProperty().bind(removePassword.selectedProperty());
        guests.setId("admin-guests");
        registration.setId("admin-registration");
        registration.getItems().setAll(Registration.values());
        registration.setConverter(new StringConverter<>() {
            @Override
            public String toString(Registration value) {
                return value == null ? "" : switch (value) {
                    case OPEN -> "Anyone may create an account";
                    case APPROVAL -> "An admin approves each new account";
                    case CLOSED -> "Nobody may create an account";
                    case INVITE -> "Only with an invite link";
                };
            }

            @Override
            public Registration fromString(String text) {
                return null;
            }
        });
        Button save = new Button("Save settings");
        save.setId("admin-save-settings");
        save.setDefaultButton(true);
        save.setOnAction(event -> model.saveSettings(name.getText().strip(),
                removePassword.isSelected() ? "" : password.getText().isEmpty() ? null : password.getText(),
                guests.isSelected(), registration.getValue()).thenRun(() -> password.clear()));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(14));
        Label nameLabel = new Label("_Room name");
        nameLabel.setMnemonicParsing(true);
        nameLabel.setLabelFor(name);
        Label passwordLabel = new Label("Room _password");
        passwordLabel.setMnemonicParsing(true);
        passwordLabel.setLabelFor(password);
        Label registrationLabel = new Label("New _accounts");
        registrationLabel.setMnemonicParsing(true);
        registrationLabel.setLabelFor(registration);
        grid.addRow(0, nameLabel, name);
        grid.addRow(1, passwordLabel, password);
        grid.add(passwordNow, 1, 2);
        grid.add(removePassword, 1, 3);
        grid.add(guests, 1, 4);
        grid.addRow(5, registrationLabel, registration);
        grid.add(new Label("Changes apply to the next person who signs in; nobody already here is removed."), 1, 6);
        grid.add(save, 1, 7);
        setContent(grid);

        model.settingsProperty().addListener((obs, old, now) -> show(now));
        show(model.settingsProperty().get());
        setOnSelectionChanged(event -> {
            if (isSelected()) {
                model.loadSettings();
            }
        });
    }

    private void show(RoomAdmin.Info info) {
        if (info == null) {
            return;
        }
        name.setText(info.name());
        passwordNow.setText(info.passwordRequired() ? "The room has a password: new accounts and guests need it."
                : "The room has no password.");
        removePassword.setSelected(false);
        removePassword.setDisable(!info.passwordRequired());
        guests.setSelected(info.guestsAllowed());
        registration.setValue(info.registration());
    }
}
