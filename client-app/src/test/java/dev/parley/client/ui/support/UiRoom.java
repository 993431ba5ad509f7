package dev.parley.client.ui.support;

import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.NullAudioDevices;
import dev.parley.client.core.net.ClientConfig;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.ui.app.AppContext;
import dev.parley.client.ui.app.PreferencesStore;
import dev.parley.client.ui.app.SessionFactory;
import dev.parley.client.ui.fx.UiThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;

/** App contexts for UI tests: temp folders, no LAN traffic unless asked (then loopback only), fast reconnects. */
public final class UiRoom {
    public static final ClientConfig FAST = ClientConfig.defaults().withClientName("ui-test")
            .withRequestTimeout(Duration.ofSeconds(5)).withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));

    private UiRoom() {
    }

    public static AppContext context(Path home, UiThread ui, Executor background) {
        return context(home, ui, background, new NullAudioDevices());
    }

    public static AppContext context(Path home, UiThread ui, Executor background, AudioDevices devices) {
        return context(home, ui, background, devices, FingerprintDecision.trustOnFirstUse());
    }

    /** With another client configuration (a slow reconnect back-off, to watch the countdown). */
    public static AppContext context(Path home, UiThread ui, Executor background, ClientConfig config) {
        PreferencesStore preferences = PreferencesStore.open(home);
        AudioDevices devices = new NullAudioDevices();
        return new AppContext(preferences, new SessionFactory(config, SessionFactory.engineVoice(preferences, devices),
                KnownServers.inMemory(), FingerprintDecision.trustOnFirstUse()), ui, background, home.resolve("server"),
                false, devices);
    }

    /** @param askUser stands in for the trust dialog a user would see for a room met for the first time */
    public static AppContext context(Path home, UiThread ui, Executor background, AudioDevices devices,
                                     FingerprintDecision askUser) {
        return context(home, ui, background, devices, askUser, false);
    }

    /**
     * @param lan announce hosted rooms and browse the LAN list; the build binds discovery to 127.0.0.1
     *            only ({@code parley.lan.interfaces}), so this never touches a real interface
     */
    public static AppContext context(Path home, UiThread ui, Executor background, AudioDevices devices,
                                     FingerprintDecision askUser, boolean lan) {
        PreferencesStore preferences = PreferencesStore.open(home);
        return new AppContext(preferences, new SessionFactory(FAST, SessionFactory.engineVoice(preferences, devices),
                KnownServers.inMemory(), askUser), ui,
                background, home.resolve("server"), lan, devices);
    }
}
