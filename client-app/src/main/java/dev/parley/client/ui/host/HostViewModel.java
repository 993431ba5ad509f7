package dev.parley.client.ui.host;

import dev.parley.client.core.net.Credentials;
import dev.parley.client.ui.app.AppContext;
import dev.parley.client.ui.app.HostCredentials;
import dev.parley.client.ui.app.RoomSession;
import dev.parley.client.ui.fx.Failures;
import dev.parley.protocol.control.message.Admin;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.RoomAdmin;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.LoggerFactory;

/**
 * "Host a room": name, port, optional password; starts the server in-process, signs this user in as
 * its admin and announces it. UI thread only; the blocking start runs on the background executor.
 */
public final class HostViewModel {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppContext context;
    private final StringProperty roomName = new SimpleStringProperty();
    private final StringProperty port = new SimpleStringProperty();
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty step = new SimpleStringProperty("");

    public HostViewModel(AppContext context) {
        this.context = context;
        String remembered = context.preferences().get().hostRoomName();
        roomName.set(remembered.isEmpty() ? defaultRoomName() : remembered);
        port.set(Integer.toString(context.preferences().get().hostPort()));
    }

    public StringProperty roomNameProperty() {
        return roomName;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** What hosting is doing right now ("Starting the room…", "Signing in…"); empty when idle. */
    public StringProperty stepProperty() {
        return step;
    }

    /** Starts the room and signs in; completes on the UI thread. */
    public CompletableFuture<RoomSession> host() {
        error.set("");
        String name = roomName.get() == null ? "" : roomName.get().strip();
        int portNumber;
        try {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Give the room a name.");
            }
            portNumber = parsePort(port.get());
        } catch (IllegalArgumentException invalid) {
            error.set(Failures.plain(invalid.getMessage()));
            return CompletableFuture.failedFuture(invalid);
        }
        String roomPassword = password.get().isEmpty() ? null : password.get();
        Path folder = folderFor(name);
        String key = folder.toAbsolutePath().toString();
        HostCredentials known = context.preferences().get().hostCredentials().get(key);
        HostCredentials admin = known != null ? known : new HostCredentials(adminName(), generatedPassword());
        Credentials credentials = known != null
                ? new Credentials.Login(admin.username(), admin.password())
                : new Credentials.Register(admin.username(), admin.password(), roomPassword);
        busy.set(true);
        step.set("Starting the room: database, certificate and voice relay…");
        CompletableFuture<RoomSession> result = new CompletableFuture<>();
        CompletableFuture
                .supplyAsync(() -> HostedRoom.start(name, portNumber, roomPassword, folder, admin.username(),
                        context.lanDiscovery()), context.background())
                .thenApply(hosted -> {
                    context.ui().run(() -> step.set("Room started; signing you in as its host…"));
                    return hosted;
                })
                .thenCompose(hosted -> context.sessions().connect("127.0.0.1", hosted.port(), credentials, hosted)
                        .thenCompose(session -> claimAdmin(hosted, session))
                        .whenComplete((session, failure) -> {
                            if (failure != null) {
                                context.background().execute(hosted::close);
                            }
                        }))
                .whenComplete((session, failure) -> context.ui().run(() -> {
                    busy.set(false);
                    step.set("");
                    if (failure != null) {
                        error.set(Failures.sentence(failure));
                        result.completeExceptionally(failure);
                        return;
                    }
                    // The room may be called otherwise than typed: a name changed from the app is stored in its database.
                    String current = session.client().serverInfo().map(info -> info.serverName()).orElse(name);
                    context.preferences().update(prefs -> prefs.withHostCredentials(key, admin.named(current))
                            .withHostDefaults(current, portNumber));
                    roomName.set(current);
                    followRenames(session, key);
                    result.complete(session);
                }));
        return result;
    }

    /**
     * The host's own account takes the room's admin with the code the in-process server holds. Sent
     * without waiting: the new role arrives as a {@code user.state} event, and a failed claim does not
     * stop the hosting (the code stays unspent for a later claim).
     */
    private static CompletableFuture<RoomSession> claimAdmin(HostedRoom hosted, RoomSession session) {
        hosted.adminClaimCode().ifPresent(code -> session.client().request(new Admin.Claim(code), Ok.class)
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LoggerFactory.getLogger(HostViewModel.class)
                                .warn("The host could not claim the room's admin: {}", failure.toString());
                    }
                }));
        return CompletableFuture.completedFuture(session);
    }

    /**
     * The folder of the room called {@code name}: the folder of a room this machine hosted under that
     * name (also when it was renamed from the app since, so it keeps its data), else a new one named
     * after it.
     */
    Path folderFor(String name) {
        return context.preferences().get().hostCredentials().entrySet().stream()
                .filter(entry -> entry.getValue().roomName() != null && entry.getValue().roomName().equalsIgnoreCase(name))
                .map(entry -> Path.of(entry.getKey()))
                .findFirst()
                .orElseGet(() -> context.serverRoot().resolve(folderName(name)));
    }

    /** While hosting, a rename (the admin window's settings) is remembered with the room's folder. */
    private void followRenames(RoomSession session, String key) {
        session.client().on(RoomAdmin.Updated.class, updated -> context.ui().run(() -> {
            context.preferences().update(prefs -> {
                HostCredentials known = prefs.hostCredentials().get(key);
                return known == null ? prefs : prefs.withHostCredentials(key, known.named(updated.name()))
                        .withHostDefaults(updated.name(), prefs.hostPort());
            });
            roomName.set(updated.name());
        }));
    }

    /** A folder name from the room name: letters, digits and dashes. */
    static String folderName(String roomName) {
        // Portable on every OS: a room called "Con" must not become Windows' console device.
        return dev.parley.platform.SafeFileNames.slug(roomName, "room");
    }

    static String adminName() {
        String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9_.-]", "");
        if (user.length() < 3 || user.length() > 24) {
            return "host";
        }
        return user;
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String defaultRoomName() {
        String user = System.getProperty("user.name", "");
        return user.isBlank() ? "My room" : user + "'s room";
    }

    private static int parsePort(String text) {
        try {
            int value = Integer.parseInt(text == null ? "" : text.strip());
            if (value < 1 || value > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port is a number from 1 to 65535.");
        }
    }
}
