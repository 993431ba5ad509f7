package dev.parley.client.ui.app;

import dev.parley.client.core.net.ClientConfig;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.host.HostedRoom;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.ui.voice.EngineVoiceControls;
import dev.parley.client.ui.voice.VoiceControls;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Connects to a room and hands back a {@link RoomSession}. Never blocks: the future completes on the
 * client's event thread. Thread-safe.
 *
 * <p>Where TLS pinning lands (issue 7), the "trust this server's fingerprint?" question will be asked
 * through a callback given to the {@link ControlClient} here; the connect view-model already shows
 * failures as sentences, so a refused fingerprint needs no new UI path.
 */
public final class SessionFactory {
    private final ClientConfig config;
    private final Function<ControlClient, VoiceControls> voiceFactory;

    /** @param voiceFactory makes voice for a signed-in client (see {@link #engineVoice}) */
    public SessionFactory(ClientConfig config, Function<ControlClient, VoiceControls> voiceFactory) {
        this.config = config;
        this.voiceFactory = voiceFactory;
    }

    /** Real voice: the engine on the devices chosen in the preferences, falling back to silence. */
    public static Function<ControlClient, VoiceControls> engineVoice(PreferencesStore preferences, AudioDevices devices) {
        return client -> EngineVoiceControls.start(client, devices, preferences.get().voice());
    }

    public CompletableFuture<RoomSession> connect(String host, int port, Credentials credentials, HostedRoom hosted) {
        ControlClient client = new ControlClient(ControlClient.address(host, port), config);
        RoomState room = RoomState.attach(client);
        boolean guest = credentials instanceof Credentials.Guest;
        return client.connect(credentials)
                .thenApply(auth -> new RoomSession(client, room, voiceFactory.apply(client), hosted,
                        new RecentServer(host, port, auth.self().name(), guest)))
                .whenComplete((session, error) -> {
                    if (error != null) {
                        closeQuietly(client);
                    }
                });
    }

    private static void closeQuietly(ControlClient client) {
        // The event thread must not wait for itself: close from another thread.
        Thread closer = new Thread(client::close, "parley-client-close");
        closer.setDaemon(true);
        closer.start();
    }
}
