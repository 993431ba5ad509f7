package dev.parley.client.ui.voice;

import com.github.kwhat.jnativehook.GlobalScreen;
import com.github.kwhat.jnativehook.NativeHookException;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyListener;
import dev.parley.client.ui.fx.UiThread;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push-to-talk key: in the window (unless a text field has focus, where the key types), and
 * globally through jnativehook where the platform allows while the window is not focused; without a
 * display or permission it falls back to the window only. UI thread only, except the native hook's
 * callbacks which hand off through {@link UiThread}.
 */
public final class PushToTalkKeys implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PushToTalkKeys.class);

    private final Scene scene;
    private final Consumer<Boolean> pressed;
    private final EventHandler<KeyEvent> filter;
    private volatile KeyCode key;
    private NativeKeyListener nativeListener;

    public PushToTalkKeys(Scene scene, KeyCode key, Consumer<Boolean> pressed) {
        this.scene = scene;
        this.key = key;
        this.pressed = pressed;
        this.filter = event -> {
            if (event.getCode() != this.key || scene.getFocusOwner() instanceof TextInputControl) {
                return;
            }
            if (event.getEventType() == KeyEvent.KEY_PRESSED) {
                pressed.accept(true);
                event.consume();
            } else if (event.getEventType() == KeyEvent.KEY_RELEASED) {
                pressed.accept(false);
                event.consume();
            }
        };
        scene.addEventFilter(KeyEvent.ANY, filter);
    }

    public void setKey(KeyCode value) {
        key = value;
    }

    /**
     * Also listens system-wide while {@code windowFocused} is false (in the window the scene filter
     * decides, so typing in a text field never transmits). Returns whether the global hook works here.
     */
    public boolean enableGlobal(BooleanSupplier windowFocused, UiThread ui) {
        java.util.logging.Logger hookLog = java.util.logging.Logger.getLogger(GlobalScreen.class.getPackage().getName());
        hookLog.setLevel(Level.WARNING);
        hookLog.setUseParentHandlers(false);
        try {
            GlobalScreen.registerNativeHook();
        } catch (NativeHookException | UnsatisfiedLinkError | RuntimeException e) {
            log.info("Global push-to-talk is not available here ({}); the key works while Parley has focus", e.getMessage());
            return false;
        }
        nativeListener = new NativeKeyListener() {
            @Override
            public void nativeKeyPressed(NativeKeyEvent event) {
                forward(event, true);
            }

            @Override
            public void nativeKeyReleased(NativeKeyEvent event) {
                forward(event, false);
            }

            private void forward(NativeKeyEvent event, boolean down) {
                if (matches(event)) {
                    ui.run(() -> {
                        if (!windowFocused.getAsBoolean()) {
                            pressed.accept(down);
                        }
                    });
                }
            }
        };
        GlobalScreen.addNativeKeyListener(nativeListener);
        return true;
    }

    private boolean matches(NativeKeyEvent event) {
        String name = NativeKeyEvent.getKeyText(event.getKeyCode());
        return name != null && name.replace(" ", "").equalsIgnoreCase(key.getName().replace(" ", ""));
    }

    @Override
    public void close() {
        scene.removeEventFilter(KeyEvent.ANY, filter);
        if (nativeListener != null) {
            GlobalScreen.removeNativeKeyListener(nativeListener);
            try {
                GlobalScreen.unregisterNativeHook();
            } catch (NativeHookException e) {
                log.debug("Unregistering the native hook: {}", e.getMessage());
            }
        }
    }
}
