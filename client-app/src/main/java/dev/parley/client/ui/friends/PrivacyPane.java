package dev.parley.client.ui.friends;

import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Settings dialog's "Privacy" page: the two friends-only options of the room I am in. UI thread only. */
public final class PrivacyPane extends VBox {
    public PrivacyPane(PrivacySettings model, String roomName) {
        setId("settings-privacy");
        Label intro = new Label("In " + roomName + ". Changes are saved in the room at once.");
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        CheckBox dms = new CheckBox("Accept direct messages from friends only");
        dms.setId("privacy-dm-friends-only");
        dms.selectedProperty().bindBidirectional(model.dmFriendsOnlyProperty());
        dms.disableProperty().bind(model.readyProperty().not());
        CheckBox presence = new CheckBox("Show my presence to friends only");
        presence.setId("privacy-presence-friends-only");
        presence.selectedProperty().bindBidirectional(model.presenceFriendsOnlyProperty());
        presence.disableProperty().bind(model.readyProperty().not());
        Label presenceNote = new Label("Everyone else sees you as offline, as if you were invisible.");
        presenceNote.getStyleClass().add("host-info");
        presenceNote.setWrapText(true);
        presenceNote.setMinHeight(Region.USE_PREF_SIZE);
        Label notice = new Label();
        notice.setId("privacy-notice");
        notice.setWrapText(true);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.textProperty().bind(model.noticeProperty());
        notice.getStyleClass().add("success-text");
        model.noticeIsGoodNewsProperty().addListener((obs, old, good) ->
                notice.getStyleClass().setAll("label", good ? "success-text" : "error-text"));
        setSpacing(10);
        setPadding(new Insets(12));
        setMaxWidth(460);
        getChildren().addAll(intro, dms, presence, presenceNote, notice);
    }
}
