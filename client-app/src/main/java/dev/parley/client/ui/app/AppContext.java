package dev.parley.client.ui.app;

import dev.parley.client.ui.fx.UiThread;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What view-models share: preferences, how to connect, the UI bridge, the one executor for blocking
 * work (starting a server, closing a session), and where hosted rooms keep their data. Immutable.
 *
 * @param serverRoot   hosted rooms live in room-named folders below it
 * @param lanDiscovery whether to announce hosted rooms and browse for others on the LAN
 */
public record AppContext(PreferencesStore preferences, SessionFactory sessions, UiThread ui, Executor background,
                         Path serverRoot, boolean lanDiscovery) {
    public AppContext {
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(ui, "ui");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(serverRoot, "serverRoot");
    }
}
