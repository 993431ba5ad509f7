package dev.parley.client.ui.app;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.ui.support.SpeechDevices;
import dev.parley.client.ui.support.UiRoom;
import dev.parley.protocol.control.message.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * A populated room for scripts/screenshot.sh: a server, a few people in channels, some chat, the
 * window signed in and transmitting. Runs until killed.
 */
public final class ScreenshotDemo {
    private ScreenshotDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path temp = Files.createTempDirectory("parley-demo");
        TestRoom room = TestRoom.start(temp.resolve("room"));
        ControlClient bob = Clients.client(room.port());
        long lobby = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).channelId();
        ControlClient carol = Clients.registered(room.port(), "carol");
        ControlClient dave = Clients.registered(room.port(), "dave");
        // Erin was here earlier (the offline list shows when); carol is away.
        Clients.registered(room.port(), "erin").close();
        Clients.await(carol.requestOk(new dev.parley.protocol.control.message.Session.SetPresence(
                dev.parley.protocol.control.model.Presence.AWAY)));
        var games = Clients.await(bob.request(new Channels.Create(null, "Games", "Friday night", null, null), Channels.Created.class)).channel();
        Clients.await(bob.request(new Channels.Create(null, "Quiet room", null, null, "secret"), Channels.Created.class));
        Clients.await(carol.requestOk(new Channels.Join(games.id(), null)));
        Clients.await(dave.requestOk(new Channels.Join(games.id(), null)));
        // Dave really speaks (recorded speech through a voice engine), so his talking mark comes from the room.
        VoiceEngine daveVoice = new VoiceEngine(dave, new SpeechDevices.LoopingSpeech(), new NullAudioOutput(),
                VoiceSettings.defaults().withTransmitMode(TransmitMode.ALWAYS_ON));
        Clients.await(daveVoice.start());
        Clients.await(carol.sendMessage(Conversation.channel(games.id()), "who's in for a round?", null).delivered());
        for (String line : List.of("Welcome to the room! Rules and links: https://example.org/rules",
                "evening all", "@ann the server is up, join when you're ready",
                "**Friday** is game night: bring `snacks`, _not_ excuses")) {
            ControlClient author = line.startsWith("evening") ? carol : bob;
            var sent = Clients.await(author.sendMessage(Conversation.channel(lobby), line, null).delivered());
            if (line.startsWith("**")) {
                Clients.await(carol.requestOk(new dev.parley.protocol.control.message.Chat.React(sent.id(), "❤", true)));
            }
        }
        Platform.startup(() -> {
            Stage stage = new Stage();
            AppContext context = UiRoom.context(temp.resolve("home"), UiThread.fx(), Executors.newCachedThreadPool(),
                    new SpeechDevices());
            AppShell shell = new AppShell(stage, context, url -> { });
            stage.setTitle("Parley");
            stage.setWidth(1100);
            stage.setHeight(680);
            stage.show();
            // Ann's microphone is the recorded speech too, in voice activity mode: a live meter and talking mark.
            context.sessions()
                    .connect("127.0.0.1", room.port(), new Credentials.Register("ann", Clients.PASSWORD, null), null)
                    .thenAccept(session -> Platform.runLater(() -> {
                        shell.entered(session);
                        shell.main().voiceBar().transmitModeProperty().set(TransmitMode.VOICE_ACTIVITY);
                        bob.sendMessage(Conversation.channel(lobby), "hi ann, grab a seat in Games", null);
                    }));
        });
        Thread.currentThread().join();
    }
}
