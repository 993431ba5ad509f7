package dev.parley.client.ui.app;

import dev.parley.client.core.net.ClientConfig;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.core.net.ServerTrust;
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
 * <p>Rooms are reached over TLS and pinned: a room seen for the first time is put to {@code askUser}
 * (the desktop app shows a dialog), the room this app hosts itself is trusted by its own
 * fingerprint, and a changed certificate fails the connection with a sentence the connect
 * view-model shows like any other failure.
 */
public final class SessionFactory {
    private final ClientConfig config;
    private final Function<ControlClient, VoiceControls> voiceFactory;
    private final KnownServers known;
    private final FingerprintDecision askUser;

    /**
     * @param voiceFactory makes voice for a signed-in client (see {@link #engineVoice})
     * @param known        the rooms this user trusts
     * @param askUser      asked about a room seen for the first time
     */
    public SessionFactory(ClientConfig config, Function<ControlClient, VoiceControls> voiceFactory, KnownServers known,
                          FingerprintDecision askUser) {
        this.config = config;
        this.voiceFactory = voiceFactory;
        this.known = known;
        this.askUser = askUser;
    }

    /** Real voice: the engine on the devices chosen in the preferences, falling back to silence. */
    public static Function<ControlClient, VoiceControls> engineVoice(PreferencesStore preferences, AudioDevices devices) {
        return client -> EngineVoiceControls.start(client, devices, preferences.get().voice());
    }

    public CompletableFuture<RoomSession> connect(String host, int port, Credentials credentials, HostedRoom hosted) {
        return connect(host, port, credentials, hosted, null);
    }

    /**
     * @param invited the certificate an invite link vouches for: a new room showing it is trusted
     *                without asking, one showing anything else is refused (null: ask the user)
     */
    public CompletableFuture<RoomSession> connect(String host, int port, Credentials credentials, HostedRoom hosted,
                                                  FingerprintDecision invited) {
        return connect(host, port, credentials, hosted, invited, stage -> { });
    }

    /**
     * @param stage told, on the client's event thread, each step the sign-in reaches, as a short sentence
     *              for the joining screen ("Connecting to …", "Waiting for you to check …", "Opening the room…")
     */
    public CompletableFuture<RoomSession> connect(String host, int port, Credentials credentials, HostedRoom hosted,
                                                  FingerprintDecision invited, java.util.function.Consumer<String> stage) {
        FingerprintDecision decision = hosted != null && hosted.fingerprint().isPresent()
                ? FingerprintDecision.trustOnly(hosted.fingerprint().get()) : invited != null ? invited : askUser;
        ControlClient client = new ControlClient(ControlClient.address(host, port), config, new ServerTrust(known, decision));
        RoomState room = RoomState.attach(client);
        boolean guest = credentials instanceof Credentials.Guest;
        String where = host + ":" + port;
        dev.parley.client.core.Subscription stages = client.onStatus(status -> {
            if (status.reason() == dev.parley.client.core.net.ConnectionStatus.Reason.AWAITING_TRUST) {
                stage.accept("Waiting for you to check the room's certificate…");
            } else if (status.state() == dev.parley.client.core.net.ConnectionState.CONNECTING) {
                stage.accept("Connecting to " + where + " and signing in…");
            }
        });
        return client.connect(credentials)
                .thenApply(auth -> {
                    stages.close();
                    stage.accept("Signed in as " + auth.self().name() + ". Opening the room…");
                    return auth;
                })
                .thenApply(auth -> new RoomSession(client, room, lockedIfEncrypted(voiceFactory.apply(client), auth), hosted,
                        new RecentServer(host, port, auth.self().name(), guest,
                                client.serverInfo().map(info -> info.serverName()).orElse(""))))
                .whenComplete((session, error) -> {
                    stages.close();
                    if (error != null) {
                        closeQuietly(client);
                    }
                });
    }

    /**
     * Voice starts locked when I sign in to an end-to-end encrypted channel (no key yet: nothing sent or
     * played there) or to one not among the channels auth.ok named; the window's {@code VoiceEncryption}
     * takes over from the room state a moment later.
     */
    private static VoiceControls lockedIfEncrypted(VoiceControls voice, dev.parley.protocol.control.message.Session.AuthOk auth) {
        boolean plain = auth.channels().stream().anyMatch(channel -> channel.id() == auth.channelId() && !channel.endToEnd());
        if (!plain) {
            voice.setChannelEncryption(true, null);
        }
        return voice;
    }

    /**
     * How to trust a room chosen from the LAN list: without a question when it shows the certificate it
     * announced, otherwise the usual question.
     */
    public FingerprintDecision announcedOnLan(dev.parley.protocol.tls.Fingerprint announced) {
        return FingerprintDecision.announcedOnLan(announced, askUser);
    }

    private static void closeQuietly(ControlClient client) {
        // The event thread must not wait for itself: close from another thread.
        Thread closer = new Thread(client::close, "parley-client-close");
        closer.setDaemon(true);
        closer.start();
    }
}
