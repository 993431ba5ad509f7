package dev.parley.client.ui.fx;

import dev.parley.client.core.Subscription;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.skin.TextInputControlSkin;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;

/**
 * The text cursor stops blinking after a while without typing, and stays shown, as GTK's does after
 * 10 s. A blinking cursor is an animation, and while any animation runs JavaFX lays out and checks the
 * whole window at every pulse: an idle app with its message box focused spent about 1 % of a core on
 * it (docs/BENCHMARKS.md). Typing, clicking or focusing a text field starts the blinking again (the
 * control's own key handling does too). UI thread only.
 */
public final class CaretBlink {
    /** How long the cursor blinks after the last key or click. */
    public static final Duration BLINK_FOR = Duration.ofSeconds(10);

    private final Scene scene;
    private final Duration blinkFor;
    private final UiThread ui;
    private Subscription pending;

    private CaretBlink(Scene scene, Duration blinkFor, UiThread ui) {
        this.scene = scene;
        this.blinkFor = blinkFor;
        this.ui = ui;
    }

    /** Watches every text field of {@code scene}. */
    public static CaretBlink settleIn(Scene scene, Duration blinkFor, UiThread ui) {
        CaretBlink blink = new CaretBlink(scene, blinkFor, ui);
        scene.focusOwnerProperty().addListener((obs, old, now) -> blink.restart());
        scene.addEventFilter(KeyEvent.KEY_RELEASED, event -> blink.restart());
        scene.addEventFilter(MouseEvent.MOUSE_RELEASED, event -> blink.restart());
        blink.restart();
        return blink;
    }

    private void restart() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        if (scene.getFocusOwner() instanceof TextInputControl field) {
            if (field.isFocused() && field.getSkin() instanceof TextInputControlSkin<?> skin) {
                skin.setCaretAnimating(true);
            }
            pending = UiTicker.once(blinkFor, ui, this::settle);
        }
    }

    private void settle() {
        pending = null;
        Node owner = scene.getFocusOwner();
        if (owner instanceof TextInputControl field && field.getSkin() instanceof TextInputControlSkin<?> skin) {
            skin.setCaretAnimating(false);
        }
    }
}
