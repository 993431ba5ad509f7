package dev.parley.client.ui.chat;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/**
 * A grid of common emoji plus a field for any other (paste or type one): for the message box and
 * for reacting with any emoji. Buttons are {@code #emoji-0}, {@code #emoji-1}, … UI thread only.
 */
public final class EmojiPicker {
    public static final List<String> EMOJI = List.of(
            "😀", "😃", "😄", "😁", "😆", "😅", "😂", "🤣", "😊", "😇", "🙂", "😉", "😍", "😘", "😎", "🤔",
            "😐", "😴", "😢", "😭", "😡", "😱", "🤯", "🥳", "👍", "👎", "👏", "🙌", "🙏", "💪", "👀", "👋",
            "❤", "💔", "🔥", "✨", "🎉", "🎮", "🏆", "⚽", "🍕", "🍺", "☕", "💯", "✅", "❌", "⚠", "❓");
    private static final int MAX_EMOJI_CHARS = 32;

    private EmojiPicker() {
    }

    /** Shows the picker under {@code anchor}; {@code chosen} gets the emoji picked. */
    public static Popup show(Node anchor, Consumer<String> chosen) {
        Popup popup = new Popup();
        popup.setAutoHide(true);
        popup.setAutoFix(true);
        FlowPane grid = new FlowPane(2, 2);
        grid.setPrefWrapLength(8 * 40);
        for (int i = 0; i < EMOJI.size(); i++) {
            String emoji = EMOJI.get(i);
            Button button = new Button(emoji);
            button.setId("emoji-" + i);
            button.getStyleClass().addAll("flat", "emoji-cell");
            button.setOnAction(event -> {
                popup.hide();
                chosen.accept(emoji);
            });
            grid.getChildren().add(button);
        }
        TextField other = new TextField();
        other.setId("emoji-other");
        other.setPromptText("Any other emoji: paste it and press Enter");
        other.setOnAction(event -> {
            String value = other.getText().strip();
            if (!value.isEmpty() && value.length() <= MAX_EMOJI_CHARS && !value.contains("\n")) {
                popup.hide();
                chosen.accept(value);
            }
        });
        VBox box = new VBox(6, grid, other);
        box.setId("emoji-picker");
        box.getStyleClass().add("toast");
        box.setPadding(new Insets(8));
        if (anchor.getScene() != null) {
            box.getStylesheets().setAll(anchor.getScene().getStylesheets());
        }
        popup.getContent().add(box);
        var bounds = anchor.localToScreen(anchor.getBoundsInLocal());
        if (bounds != null) {
            popup.show(anchor, bounds.getMinX(), bounds.getMaxY() + 2);
            // No room below (the message box sits at the bottom of the window): open above the anchor, as chat
            // apps do, rather than let the screen's edge push the picker back over the button and the text.
            if (popup.getY() < bounds.getMaxY() + 2) {
                popup.setY(Math.max(0, bounds.getMinY() - popup.getHeight() - 2));
            }
        } else {
            popup.show(anchor.getScene().getWindow());
        }
        return popup;
    }

}
