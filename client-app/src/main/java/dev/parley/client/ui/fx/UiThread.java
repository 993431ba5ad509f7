package dev.parley.client.ui.fx;

import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one bridge from core threads into the UI: everything a view-model learns from the client core
 * reaches its JavaFX properties through {@link #run}. View-model tests use {@link #direct()}, so they
 * run without the toolkit and stay deterministic (as JabRef swaps its {@code UiTaskExecutor}).
 *
 * <p>Thread-safe.
 */
@FunctionalInterface
public interface UiThread extends Executor {

    /** Runs {@code work} on the UI thread, later unless already there. */
    void run(Runnable work);

    @Override
    default void execute(Runnable work) {
        run(work);
    }

    /** The JavaFX application thread. */
    static UiThread fx() {
        return work -> {
            Objects.requireNonNull(work, "work");
            if (Platform.isFxApplicationThread()) {
                work.run();
            } else {
                Platform.runLater(work);
            }
        };
    }

    /** Runs on the caller's thread: for view-model tests without the toolkit. */
    static UiThread direct() {
        return Runnable::run;
    }
}
