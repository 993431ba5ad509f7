package dev.parley.client.ui.app;

import javafx.application.Application;

/**
 * The desktop app's entry point. It must not extend {@link Application}: on a plain classpath the
 * JavaFX launcher refuses such a main class (FIELD-NOTES).
 */
public final class ParleyLauncher {
    private ParleyLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(ParleyApp.class, args);
    }
}
