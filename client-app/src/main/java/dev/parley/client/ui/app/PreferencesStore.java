package dev.parley.client.ui.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The preferences of this OS user as a small JSON file in the app-data folder. Reads once; each
 * {@link #update} writes in the background (atomic replace), so the UI thread never waits on the disk.
 * Thread-safe.
 */
public final class PreferencesStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PreferencesStore.class);
    public static final String FILE_NAME = "client-preferences.json";

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final AtomicReference<UserPreferences> current;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-preferences");
        thread.setDaemon(true);
        return thread;
    });

    private PreferencesStore(Path file, UserPreferences initial) {
        this.file = file;
        this.current = new AtomicReference<>(initial);
    }

    /** Reads {@value #FILE_NAME} from {@code folder}; a missing or unreadable file gives the defaults. */
    public static PreferencesStore open(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        UserPreferences loaded = UserPreferences.defaults();
        if (Files.isRegularFile(file)) {
            try {
                loaded = new ObjectMapper().readValue(file.toFile(), UserPreferences.class);
            } catch (IOException e) {
                log.warn("Preferences in {} could not be read, starting from defaults: {}", file, e.getMessage());
            }
        }
        return new PreferencesStore(file, loaded);
    }

    public UserPreferences get() {
        return current.get();
    }

    /** Changes the preferences and saves them soon. */
    public UserPreferences update(UnaryOperator<UserPreferences> change) {
        UserPreferences next = current.updateAndGet(change);
        writer.execute(this::write);
        return next;
    }

    private void write() {
        UserPreferences snapshot = current.get();
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            json.writeValue(temp.toFile(), snapshot);
            restrictToOwner(temp);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("Could not save preferences to {}: {}", file, e.getMessage());
        }
    }

    private static void restrictToOwner(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("Owner-only permissions not applied to {}: {}", path, e.toString());
        }
    }

    /** Waits for pending writes (at quit and in tests). */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
