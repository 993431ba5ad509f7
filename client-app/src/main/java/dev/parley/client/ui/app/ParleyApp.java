package dev.parley.client.ui.app;

import dev.parley.client.core.net.ClientConfig;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.ui.connect.TrustDialog;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.voice.VoiceSetup;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.JavaSoundDevices;
import dev.parley.server.DataDirs;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. {@code -Dparley.home=DIR} keeps preferences and hosted rooms in DIR instead
 * of the per-user app-data folder (screenshots, trying things out). A {@code parley://} link as the
 * first argument (how the OS starts us when one is clicked) fills in the join form and submits it.
 */
public final class ParleyApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(ParleyApp.class);

    private AppShell shell;
    private ExecutorService background;

    @Override
    public void start(Stage stage) {
        // Let the frame timer sleep while nothing on screen changes (on Linux it woke the UI thread 30 times a second).
        dev.parley.client.ui.fx.IdlePulse.install();
        Path home = homeFolder();
        Path serverRoot = System.getProperty("parley.home") != null ? home.resolve("server") : DataDirs.defaultServerDir();
        background = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "parley-ui-background");
            thread.setDaemon(true);
            return thread;
        });
        PreferencesStore preferences = PreferencesStore.open(home);
        VoiceEngine.warmUpCodec(VoiceSetup.settings(preferences.get().voice()));
        AudioDevices devices = new JavaSoundDevices();
        AppContext context = new AppContext(preferences,
                new SessionFactory(ClientConfig.defaults().withClientName("Parley desktop"),
                        SessionFactory.engineVoice(preferences, devices),
                        KnownServers.at(home.resolve(KnownServers.FILE)), new TrustDialog(UiThread.fx())),
                UiThread.fx(), background, serverRoot, !Boolean.getBoolean("parley.noLan"), devices);
        shell = new AppShell(stage, context, url -> getHostServices().showDocument(url));
        stage.show();
        getParameters().getRaw().stream().findFirst().filter(JoinLink::isLink).ifPresent(SingleInstanceStart.INBOX::offer);
        SingleInstanceStart.INBOX.deliverTo(link -> UiThread.fx().run(() -> HandedLinks.follow(shell, link)));
    }

    /** The folder for preferences and the single-instance claim: {@code -Dparley.home}, else the OS's app-data folder. */
    static Path homeFolder() {
        return System.getProperty("parley.home") != null ? Path.of(System.getProperty("parley.home")) : DataDirs.userDataDir();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
        dev.parley.client.ui.voice.GlobalKeyHook.shutdown();
        SingleInstanceStart.release();
        // shutdown, not shutdownNow: interrupting a room still closing cut its database off mid-close.
        background.shutdown();
        try {
            if (!background.awaitTermination(3, java.util.concurrent.TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
