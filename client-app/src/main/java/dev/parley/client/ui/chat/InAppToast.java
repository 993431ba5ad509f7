package dev.parley.client.ui.chat;

import dev.parley.protocol.control.model.ChatMessage;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A direct message that arrived while another conversation is open in the focused window: a small
 * card in the window's corner for a few seconds (the desktop notifier stays quiet while focused).
 * A click opens the conversation. Lives in the window's {@code ToastStack} with the other toasts. UI thread only.
 */
public final class InAppToast extends VBox {
    static final Duration SHOWN_FOR = Duration.seconds(6);

    public InAppToast(ObjectProperty<ChatMessage> message, Consumer<ChatMessage> open) {
        setId("in-app-toast");
        getStyleClass().add("toast");
        setPadding(new Insets(8, 12, 8, 12));
        setMaxSize(320, USE_PREF_SIZE);
        Label title = new Label();
        title.setId("in-app-toast-title");
        title.getStyleClass().add("toast-title");
        Label text = new Label();
        text.setWrapText(true);
        text.setMaxWidth(296);
        getChildren().addAll(title, text);
        setVisible(false);
        PauseTransition hide = new PauseTransition(SHOWN_FOR);
        hide.setOnFinished(event -> message.set(null));
        message.addListener((obs, old, now) -> {
            setVisible(now != null);
            if (now != null) {
                title.setText("Direct message from " + now.authorName());
                text.setText(now.text().length() > 140 ? now.text().substring(0, 140) + "…" : now.text());
                hide.playFromStart();
            } else {
                hide.stop();
            }
        });
        setOnMouseClicked(event -> {
            ChatMessage shown = message.get();
            if (shown != null) {
                message.set(null);
                open.accept(shown);
            }
        });
    }
}
