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

/** A small notification in the screen's corner that goes away by itself. UI thread only. */
public final class Toast {
    private Toast() {
    }

    public static void show(Window owner, String title, String body) {
        Label heading = new Label(title);
        heading.getStyleClass().add("toast-title");
        Label text = new Label(body.length() > 140 ? body.substring(0, 140) + "…" : body);
        text.setWrapText(true);
        text.setMaxWidth(300);
        VBox box = new VBox(4, heading, text);
        box.getStyleClass().add("toast");
        box.setPadding(new Insets(10, 14, 10, 14));
        if (owner.getScene() != null) {
            box.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        Popup popup = new Popup();
        popup.getContent().add(box);
        popup.setAutoHide(true);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        popup.show(owner, screen.getMaxX() - 340, screen.getMaxY() - 110);
        PauseTransition wait = new PauseTransition(Duration.seconds(5));
        wait.setOnFinished(event -> popup.hide());
        wait.play();
    }
}
