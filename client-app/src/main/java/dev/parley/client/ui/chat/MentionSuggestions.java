package dev.parley.client.ui.chat;

import java.util.List;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;

/**
 * The line above the message box while an "@mention" is being typed: "Tab: @root @robert". Tab takes
 * the first, a click any; the keyboard stays in the message box (no popup steals it). UI thread only.
 */
final class MentionSuggestions extends HBox {
    private final TextField input;

    MentionSuggestions(TextField input, ObservableList<String> names) {
        super(6);
        this.input = input;
        setId("mention-suggestions");
        setAlignment(Pos.CENTER_LEFT);
        Runnable refresh = () -> refresh(names);
        input.textProperty().addListener(obs -> refresh.run());
        input.caretPositionProperty().addListener(obs -> refresh.run());
        show(false);
        input.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.TAB && !event.isShiftDown() && isVisible()) {
                getChildren().stream().filter(Hyperlink.class::isInstance).findFirst()
                        .ifPresent(first -> complete(((Hyperlink) first).getText().substring(1)));
                event.consume();
            }
        });
    }

    private void refresh(List<String> names) {
        getChildren().clear();
        MentionCompleter.partial(input.getText(), input.getCaretPosition()).ifPresent(partial -> {
            List<String> matching = MentionCompleter.suggestions(partial, names);
            if (matching.isEmpty()) {
                return;
            }
            Label hint = new Label("Tab:");
            hint.getStyleClass().add("chat-time");
            getChildren().add(hint);
            for (String name : matching) {
                Hyperlink link = new Hyperlink("@" + name);
                link.setId("mention-" + name);
                link.setOnAction(event -> complete(name));
                getChildren().add(link);
            }
        });
        show(!getChildren().isEmpty());
    }

    private void show(boolean shown) {
        setVisible(shown);
        setManaged(shown);
    }

    private void complete(String name) {
        int caret = input.getCaretPosition();
        String text = input.getText();
        MentionCompleter.partial(text, caret).ifPresent(partial -> {
            input.setText(MentionCompleter.complete(text, caret, partial, name));
            input.positionCaret(partial.at() + name.length() + 2);
            input.requestFocus();
        });
    }
}
