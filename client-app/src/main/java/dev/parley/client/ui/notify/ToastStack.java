package dev.parley.client.ui.notify;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The window's corner where toasts appear: one above the other, newest at the bottom, never on top of
 * each other. Lies over the window's content, so only the toast boxes themselves take clicks: the
 * layer's empty parts (the gaps, its margin) let them through to what is under them. Toasts go away by
 * themselves after a while, or at a click on them; a click elsewhere does nothing to them (a toast used to
 * be an auto-hiding popup, and the click that hid it never reached the window).
 *
 * <p>Put it in a {@link StackPane} over the content. UI thread only.
 */
public final class ToastStack extends VBox {
    public static final String ID = "toast-stack";
    /** More than this and the oldest goes (a burst of mentions must not fill the window). */
    static final int MAX_SHOWN = 4;

    public ToastStack() {
        setId(ID);
        setSpacing(8);
        setAlignment(Pos.BOTTOM_RIGHT);
        setFillWidth(false);
        // A Region takes clicks on its whole rectangle by default; this layer must only where a toast is.
        setPickOnBounds(false);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        StackPane.setAlignment(this, Pos.BOTTOM_RIGHT);
        // Clear of the message box and the scroll bar.
        StackPane.setMargin(this, new Insets(0, 20, 64, 0));
    }

    /** Shows {@code toast} below the others for {@code shownFor}; a click on it hides it at once. */
    public void show(Node toast, Duration shownFor) {
        getChildren().add(toast);
        while (getChildren().size() > MAX_SHOWN) {
            getChildren().remove(0);
        }
        PauseTransition hide = new PauseTransition(shownFor);
        hide.setOnFinished(event -> getChildren().remove(toast));
        toast.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, event -> {
            hide.stop();
            getChildren().remove(toast);
        });
        hide.play();
    }

    /** A card that shows and hides itself (the DM card): takes its place at the bottom each time it shows. */
    public void keep(Node card) {
        card.managedProperty().bind(card.visibleProperty());
        getChildren().add(card);
        card.visibleProperty().addListener((obs, was, now) -> {
            if (now) {
                card.toFront();
            }
        });
    }

    /** The stack in {@code scene}'s window content, if it has one. */
    static java.util.Optional<ToastStack> in(javafx.scene.Scene scene) {
        return scene == null || scene.getRoot() == null ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(scene.getRoot().lookup("#" + ID)).filter(ToastStack.class::isInstance)
                        .map(ToastStack.class::cast);
    }
}
