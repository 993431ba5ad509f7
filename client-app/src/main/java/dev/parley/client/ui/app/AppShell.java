package dev.parley.client.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.ui.connect.SignInMode;
import dev.parley.client.ui.connect.ConnectViewModel;
import dev.parley.client.ui.host.HostViewModel;
import dev.parley.client.ui.notify.DesktopNotifier;
import dev.parley.client.ui.settings.SettingsDialog;
import dev.parley.client.ui.settings.SettingsViewModel;
import dev.parley.client.ui.voice.PushToTalkKeys;
import dev.parley.server.discovery.LanInterfaces;
import dev.parley.server.discovery.RoomBrowser;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.WindowEvent;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one window: start screen → main window → back, theme, push-to-talk keys, LAN browsing, and a
 * clean stop at quit. Usable without {@link ParleyApp} (tests hand it a stage). UI thread only.
 */
public final class AppShell {
    private static final Logger log = LoggerFactory.getLogger(AppShell.class);

    public static final double FIRST_WIDTH = 1100;
    public static final double FIRST_HEIGHT = 720;
    public static final double MIN_WIDTH = 800;
    public static final double MIN_HEIGHT = 500;

    private final Stage stage;
    private final AppContext context;
    private final Consumer<String> openLink;
    private final Scene scene;
    private final ConnectViewModel connect;
    private final DesktopNotifier notifier;
    /** Set on the background thread once browsing runs; read at shutdown. */
    private volatile RoomBrowser browser;
    private MainViewModel main;
    private MainWindow mainWindow;
    private PushToTalkKeys pttKeys;
    /** The whisper key: the same kinds of binding as push-to-talk, talking to the tree's selection. */
    private PushToTalkKeys whisperKeys;
    /** Activity in the window (any key or mouse movement) and the idle check that turns me away. */
    private IdleWatch idleWatch;
    /** The presence the user chose (away, busy…): kept across Leave or Stop hosting and the next session. */
    private dev.parley.protocol.control.model.Presence chosenPresence = dev.parley.protocol.control.model.Presence.ONLINE;
    /** The last session being closed in the background after Leave; quitting waits for it. */
    private CompletableFuture<Void> closing = CompletableFuture.completedFuture(null);
    private static final long CLOSE_WAIT_SECONDS = 8;
    private boolean shutDown;

    public AppShell(Stage stage, AppContext context, Consumer<String> openLink) {
        this.stage = stage;
        this.context = context;
        this.openLink = openLink;
        this.connect = new ConnectViewModel(context);
        this.notifier = DesktopNotifier.create(context.background(), context.ui());
        // Before any text is drawn: emoji fall back to the bundled font instead of drawing as boxes.
        dev.parley.client.ui.fx.EmojiFont.load();
        applyTheme(context.preferences().get().theme());
        scene = new Scene(new StartScreen(connect, new HostViewModel(context), this::entered), 1100, 720);
        scene.getStylesheets().add(Objects.requireNonNull(AppShell.class.getResource("parley.css")).toExternalForm());
        dev.parley.client.ui.fx.CaretBlink.settleIn(scene, dev.parley.client.ui.fx.CaretBlink.BLINK_FOR, context.ui());
        stage.setTitle("Parley");
        stage.setScene(scene);
        // An explicit first size (some window managers otherwise open a tiny window) and a minimum at
        // which every control of the start screen, the header and the voice bar stays reachable.
        stage.setWidth(FIRST_WIDTH);
        stage.setHeight(FIRST_HEIGHT);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        // Ctrl+Q (Cmd+Q on macOS) quits like closing the window, through the same close request.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        // Quitting while hosting drops everyone in the room: ask first (the window's close button).
        stage.setOnCloseRequest(event -> {
            if (main != null && main.session().hosted().isPresent() && !dev.parley.client.ui.fx.Confirm.ask(stage,
                    "Quit and stop hosting?", "The room you host closes and everyone in it is disconnected.",
                    "Quit")) {
                event.consume();
            }
        });
        if (context.lanDiscovery()) {
            context.background().execute(() -> {
                try {
                    // Every LAN interface, IPv4 and IPv6 (tests: loopback, see LanInterfaces.PROPERTY).
                    browser = RoomBrowser.browse(LanInterfaces.defaults(), connect::lanRoomsChanged);
                } catch (RuntimeException e) {
                    log.warn("LAN room list unavailable: {}", e.getMessage());
                    connect.lanUnavailable(e.getMessage());
                }
            });
        }
    }

    public Stage stage() {
        return stage;
    }

    /** The current session's view-model, while in a room. */
    public MainViewModel main() {
        return main;
    }

    public static void applyTheme(String theme) {
        Application.setUserAgentStylesheet(UserPreferences.LIGHT.equals(theme)
                ? new PrimerLight().getUserAgentStylesheet() : new PrimerDark().getUserAgentStylesheet());
    }

    /** Switches to the main window of a new session. */
    public void entered(RoomSession session) {
        main = new MainViewModel(session, context);
        main.windowFocusedProperty().bind(stage.focusedProperty());
        mainWindow = new MainWindow(main, notifier, openLink, this::openSettings, this::leave);
        scene.setRoot(mainWindow);
        // In the room, the Lobby's chat is open: the caret waits in its message box, as after opening any chat.
        mainWindow.focusMessageBox();
        main.titleProperty().addListener((obs, old, title) -> stage.setTitle(title));
        stage.setTitle(main.titleProperty().get());
        pttKeys = new PushToTalkKeys(scene, pttKey(), main.voiceBar().pushToTalkProperty()::set);
        whisperKeys = new PushToTalkKeys(scene, whisperKey(), main.voiceBar().whisper()::setPressed);
        idleWatch = new IdleWatch(scene, main.presence());
        // A new session starts online on the room's side; bring back what the user chose (issue 12).
        if (chosenPresence != dev.parley.protocol.control.model.Presence.ONLINE) {
            main.presence().choose(chosenPresence);
        }
        main.presence().chosenProperty().addListener((obs, old, now) -> chosenPresence = now);
        if (!Boolean.getBoolean("parley.noGlobalKeys")) {
            pttKeys.enableGlobal(stage::isFocused, context.ui());
            whisperKeys.enableGlobal(stage::isFocused, context.ui());
        }
    }

    /**
     * Fills the join form from a {@code parley://} link and submits it; once in, moves to the link's
     * channel. When the form lacks something (a password), it stays on screen saying what.
     */
    public CompletableFuture<Void> join(JoinLink link) {
        connect.chooseInvite(link);
        if (connect.inviteNeedsAccount() || connect.waitForNameAfter(link)) {
            // An invite makes a new account, and a link without a name needs one: the form waits, filled in.
            return CompletableFuture.completedFuture(null);
        }
        if (link.hasNickname() && link.inviteCode().isEmpty()) {
            connect.modeProperty().set(SignInMode.GUEST);
            connect.usernameProperty().set(link.nickname());
        }
        return connect.connect().thenAccept(session -> {
            entered(session);
            MainViewModel joined = main;
            // The room's state lives on the client's event thread: read the channels there.
            session.client().eventLoop().executeIfRunning(() -> link.channelIn(session.room().channels())
                    .ifPresent(channel -> context.ui().run(() -> joined.tree().join(channel.id(), null))));
        });
    }

    private PushToTalkKeys.Binding pttKey() {
        return PushToTalkKeys.Binding.parse(context.preferences().get().voice().pttKey());
    }

    private PushToTalkKeys.Binding whisperKey() {
        return PushToTalkKeys.Binding.parse(context.preferences().get().voice().whisperKey(), KeyCode.F8);
    }

    private void openSettings() {
        SettingsViewModel model = new SettingsViewModel(context.preferences(), context.devices(), context.background(),
                context.ui());
        SettingsDialog dialog = new SettingsDialog(stage, model);
        addPrivacyPage(dialog);
        dialog.ask().ifPresent(prefs -> preferencesChanged());
    }

    /** In a room with an account: its "friends only" options, kept by the room (guests have none). */
    private void addPrivacyPage(SettingsDialog dialog) {
        if (main == null || main.tree().selfRoleProperty().get() == dev.parley.protocol.control.model.Role.GUEST) {
            return;
        }
        javafx.scene.control.Tab privacy = new javafx.scene.control.Tab("Privacy", new dev.parley.client.ui.friends.PrivacyPane(
                new dev.parley.client.ui.friends.PrivacySettings(main.friends().book(), context.ui()),
                main.titleProperty().get().replaceFirst("^Parley — ", "")));
        privacy.setId("settings-tab-privacy");
        dialog.addTab(privacy);
    }

    /** Applies the saved preferences: theme, push-to-talk and whisper keys, voice devices and processing. */
    public void preferencesChanged() {
        UserPreferences prefs = context.preferences().get();
        applyTheme(prefs.theme());
        if (pttKeys != null) {
            pttKeys.setBinding(pttKey());
        }
        if (whisperKeys != null) {
            whisperKeys.setBinding(whisperKey());
        }
        if (main != null) {
            main.preferencesChanged(prefs);
        }
    }

    /** The start screen's join form (tests, and links opened while running). */
    public ConnectViewModel connectModel() {
        return connect;
    }

    public AppContext context() {
        return context;
    }

    /** Leaves the room (stops hosting) and returns to the start screen. */
    public void leave() {
        RoomSession session = endSession();
        if (session != null) {
            // Closed off the UI thread; quitting waits for it, so a hosted room's database is never cut off mid-close.
            closing = CompletableFuture.runAsync(session::close, context.background())
                    .exceptionally(failure -> {
                        log.warn("Leaving did not close cleanly: {}", failure.getMessage());
                        return null;
                    });
        }
        StartScreen start = new StartScreen(connect, new HostViewModel(context), this::entered);
        // A host who stopped their room lands where they can host it again, not on "Join a room".
        scene.setRoot(session != null && session.hosted().isPresent() ? start.showingHost() : start);
        stage.setTitle("Parley");
    }

    private RoomSession endSession() {
        if (main == null) {
            return null;
        }
        RoomSession session = main.session();
        if (pttKeys != null) {
            pttKeys.close();
            pttKeys = null;
        }
        if (whisperKeys != null) {
            whisperKeys.close();
            whisperKeys = null;
        }
        if (idleWatch != null) {
            idleWatch.close();
            idleWatch = null;
        }
        mainWindow.stop();
        main.close();
        main = null;
        return session;
    }

    /** At quit: closes the session and any hosted server (blocking briefly, the window is gone by then). */
    public void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        RoomSession session = endSession();
        if (session != null) {
            session.close();
        }
        try {
            closing.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("A room left just before quitting had not closed after {} s", CLOSE_WAIT_SECONDS);
        }
        if (browser != null) {
            browser.close();
        }
        connect.lanRoomsChanged(java.util.List.of()); // nothing left to ping once the app is closing
        notifier.close();
        context.preferences().close();
    }
}
