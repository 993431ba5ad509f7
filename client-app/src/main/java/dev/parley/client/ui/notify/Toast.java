package dev.parley.client.ui.notify;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Screen;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * A small notification that goes away by itself: in the window's {@link ToastStack} (stacked with the
 * others), or, for a window without one, in the screen's corner. UI thread only.
 */
public final class Toast {
    static final Duration SHOWN_FOR = Duration.seconds(5);

    private Toast() {
    }

    public static void show(Window owner, String title, String body) {
        show(owner, title, body, SHOWN_FOR);
    }

    /** @param shownFor how long it stays unless clicked */
    public static void show(Window owner, String title, String body, Duration shownFor) {
        Label heading = new Label(title);
        heading.getStyleClass().add("toast-title");
        Label text = new Label(body.length() > 140 ? body.substring(0, 140) + "…" : body);
        text.setWrapText(true);
        text.setMaxWidth(300);
        VBox box = new VBox(4, heading, text);
        box.getStyleClass().add("toast");
        box.setPadding(new Insets(10, 14, 10, 14));
        box.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        java.util.Optional<ToastStack> stack = ToastStack.in(owner.getScene());
        if (stack.isPresent()) {
            stack.get().show(box, shownFor);
            return;
        }
        if (owner.getScene() != null) {
            box.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        Popup popup = new Popup();
        popup.getContent().add(box);
        // Not auto-hiding: that popup swallowed the next click meant for the window. It hides by itself, or clicked.
        box.setOnMouseClicked(event -> popup.hide());
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        popup.show(owner, screen.getMaxX() - 340, screen.getMaxY() - 110);
        PauseTransition wait = new PauseTransition(shownFor);
        wait.setOnFinished(event -> popup.hide());
        wait.play();
    }
}
