package dev.parley.client.ui.support;

import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.app.AppContext;
import dev.parley.client.ui.app.AppShell;
import dev.parley.client.ui.fx.UiThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's real window for one TestFX test: a fresh home folder, two background threads, the
 * {@link AppShell} on TestFX's stage, and at the end the window shut down first and then whatever the
 * test asked to close after it (rooms, other clients), newest first — so the app never watches its
 * room vanish and starts reconnecting while the test is being torn down.
 *
 * <p>Register it after TestFX's extension, which owns the stage:
 * <pre>{@code
 * @ExtendWith(ApplicationExtension.class)
 * class SomeUiTest {
 *     @RegisterExtension
 *     final AppWindow app = new AppWindow();
 * }
 * }</pre>
 * Used by the JUnit thread only; the shell itself is built and shut down on the FX thread.
 */
public final class AppWindow implements BeforeEachCallback, AfterEachCallback {
    private final BiFunction<Path, ExecutorService, AppContext> contexts;
    private final Deque<AutoCloseable> closeAfterWindow = new ArrayDeque<>();
    private Path folder;
    private ExecutorService background;
    private Stage stage;
    private AppShell shell;

    /** The usual context: null audio devices, trust on first use, no LAN traffic. */
    public AppWindow() {
        this((home, background) -> UiRoom.context(home, UiThread.fx(), background));
    }

    /** @param contexts builds the app's context from its home folder and background executor */
    public AppWindow(BiFunction<Path, ExecutorService, AppContext> contexts) {
        this.contexts = contexts;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        folder = Files.createTempDirectory("parley-ui-");
        background = Executors.newFixedThreadPool(2);
        stage = FxToolkit.registerPrimaryStage();
        AppContext app = contexts.apply(folder.resolve("home"), background);
        shell = WaitForAsyncUtils.asyncFx(() -> {
            AppShell built = new AppShell(stage, app, url -> { });
            stage.show();
            return built;
        }).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failure = null;
        try {
            if (shell != null) {
                WaitForAsyncUtils.asyncFx(shell::shutdown).get(20, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            failure = e;
        }
        while (!closeAfterWindow.isEmpty()) {
            try {
                closeAfterWindow.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        background.shutdownNow();
        deleteQuietly(folder);
        if (failure != null) {
            throw failure;
        }
    }

    public AppShell shell() {
        return shell;
    }

    public Stage stage() {
        return stage;
    }

    /** The app's home folder (preferences, known rooms, hosted rooms' data). */
    public Path home() {
        return folder.resolve("home");
    }

    public ExecutorService background() {
        return background;
    }

    /** A room in this test's folder, closed after the window. */
    public TestRoom startRoom() {
        return closeAfterWindow(TestRoom.start(folder.resolve("room")));
    }

    /** Closes {@code resource} after the window has shut down (newest first); closing it earlier too is fine. */
    public <T extends AutoCloseable> T closeAfterWindow(T resource) {
        closeAfterWindow.push(resource);
        return resource;
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp folder is harmless; the test's outcome is what matters.
        }
    }
}
