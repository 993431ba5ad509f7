package dev.parley.client.ui.record;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Where the app opens "Recordings…" from: one window at a time (asked again, it comes to the front),
 * closed with the main window. UI thread only.
 */
public final class RecordingsEntry {
    private final Supplier<RecordingsViewModel> models;
    private final Consumer<String> openFolder;
    private RecordingsWindow window;

    /** @param openFolder opens a {@code file:} URI in the system's file manager; null: no such button */
    public RecordingsEntry(Supplier<RecordingsViewModel> models, Consumer<String> openFolder) {
        this.models = models;
        this.openFolder = openFolder;
    }

    public RecordingsWindow open(Window owner) {
        if (window == null || !window.stage().isShowing()) {
            window = new RecordingsWindow(owner, models.get(), openFolder);
        }
        window.show();
        return window;
    }

    /** The window when open, else null (tests). */
    public RecordingsWindow window() {
        return window != null && window.stage().isShowing() ? window : null;
    }

    public void close() {
        if (window != null) {
            window.stage().hide();
            window = null;
        }
    }
}
