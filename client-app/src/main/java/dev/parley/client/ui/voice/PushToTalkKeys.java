package dev.parley.client.ui.voice;

import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyListener;
import dev.parley.client.ui.fx.UiThread;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push-to-talk key or mouse button (and, as a second instance, the whisper key): in the window, and globally through {@link GlobalKeyHook}
 * where the platform allows while the window is not focused. A key that types a character (a letter,
 * Space) yields to a focused text field; any other key (F9, Pause, Insert…) and any mouse button
 * always transmit, so holding F9 while writing a message still talks. UI thread only, except the
 * native hook's callbacks which hand off through {@link UiThread}.
 */
public final class PushToTalkKeys implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PushToTalkKeys.class);
    /** Preference names for mouse buttons, beside JavaFX {@code KeyCode} names. */
    public static final String MOUSE_PREFIX = "MOUSE_";

    private final Scene scene;
    private final Consumer<Boolean> pressed;
    private final EventHandler<KeyEvent> keyFilter;
    private final EventHandler<MouseEvent> mouseFilter;
    private volatile Binding binding;
    private AutoCloseable globalListener;

    /** What triggers push-to-talk: a key, or a mouse button (never the primary one). */
    public record Binding(KeyCode key, MouseButton button) {
        public static Binding parse(String name) {
            return parse(name, KeyCode.F9);
        }

        /** Like {@link #parse(String)}, with another key when the name means nothing (the whisper key's F8). */
        public static Binding parse(String name, KeyCode fallback) {
            if (name != null && name.startsWith(MOUSE_PREFIX)) {
                try {
                    MouseButton button = MouseButton.valueOf(name.substring(MOUSE_PREFIX.length()));
                    if (button != MouseButton.PRIMARY && button != MouseButton.NONE) {
                        return new Binding(null, button);
                    }
                } catch (IllegalArgumentException e) {
                    // fall through to the default
                }
            }
            try {
                return new Binding(KeyCode.valueOf(name), null);
            } catch (IllegalArgumentException | NullPointerException e) {
                return new Binding(fallback, null);
            }
        }
    }

    public PushToTalkKeys(Scene scene, Binding binding, Consumer<Boolean> pressed) {
        this.scene = scene;
        this.binding = binding;
        this.pressed = pressed;
        this.keyFilter = event -> {
            KeyCode key = this.binding.key();
            if (event.getCode() != key || (typesCharacter(key) && scene.getFocusOwner() instanceof TextInputControl)) {
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
        this.mouseFilter = event -> {
            if (this.binding.button() == null || event.getButton() != this.binding.button()) {
                return;
            }
            if (event.getEventType() == MouseEvent.MOUSE_PRESSED) {
                pressed.accept(true);
            } else if (event.getEventType() == MouseEvent.MOUSE_RELEASED) {
                pressed.accept(false);
            }
        };
        scene.addEventFilter(KeyEvent.ANY, keyFilter);
        scene.addEventFilter(MouseEvent.ANY, mouseFilter);
    }

    public PushToTalkKeys(Scene scene, KeyCode key, Consumer<Boolean> pressed) {
        this(scene, new Binding(key, null), pressed);
    }

    /** Whether {@code key} types something into a text field (then the field gets it, not push-to-talk). */
    public static boolean typesCharacter(KeyCode key) {
        return key.isLetterKey() || key.isDigitKey() || key.isWhitespaceKey() || key.isKeypadKey()
                || key == KeyCode.SPACE || key == KeyCode.BACK_SPACE || key == KeyCode.DELETE
                || (!key.isFunctionKey() && !key.isModifierKey() && !key.isNavigationKey() && !key.isMediaKey()
                    && !key.isArrowKey() && switch (key) {
                        case PAUSE, SCROLL_LOCK, PRINTSCREEN, INSERT, CAPS, NUM_LOCK, ESCAPE, CONTEXT_MENU,
                             WINDOWS, COMMAND -> false;
                        default -> true;
                    });
    }

    public void setKey(KeyCode value) {
        binding = new Binding(value, null);
    }

    public void setBinding(Binding value) {
        binding = value;
    }

    /**
     * Also listens system-wide while {@code windowFocused} is false (in the window the scene filters
     * decide). Returns whether the global hook works here. Safe to call again after a Leave.
     */
    public boolean enableGlobal(BooleanSupplier windowFocused, UiThread ui) {
        NativeKeyListener listener = new NativeKeyListener() {
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
        Optional<AutoCloseable> added = GlobalKeyHook.listen(listener);
        globalListener = added.orElse(null);
        return added.isPresent();
    }

    private boolean matches(NativeKeyEvent event) {
        KeyCode key = binding.key();
        if (key == null) {
            return false;
        }
        String name = NativeKeyEvent.getKeyText(event.getKeyCode());
        return name != null && name.replace(" ", "").equalsIgnoreCase(key.getName().replace(" ", ""));
    }

    @Override
    public void close() {
        scene.removeEventFilter(KeyEvent.ANY, keyFilter);
        scene.removeEventFilter(MouseEvent.ANY, mouseFilter);
        if (globalListener != null) {
            try {
                globalListener.close();
            } catch (Exception e) {
                log.debug("Removing the global push-to-talk listener: {}", e.getMessage());
            }
            globalListener = null;
        }
    }
}
