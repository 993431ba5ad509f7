package dev.parley.client.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.model.ChannelInfo;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The real window, headless on Monocle, against a real in-process server and real core clients. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DesktopClientUiTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;
    private ControlClient other;

    private void joinAs(FxRobot robot, String name) {
        // Fill the form directly (typing char by char is slow on Monocle); the click is real.
        robot.interact(() -> {
            robot.lookup("#connect-host").<TextField>query().setText("127.0.0.1");
            robot.lookup("#connect-port").<TextField>query().setText(Integer.toString(room.port()));
            robot.lookup("#connect-mode").<javafx.scene.control.ChoiceBox<Object>>query()
                    .setValue(dev.parley.client.ui.connect.SignInMode.GUEST);
            robot.lookup("#connect-username").<TextField>query().setText(name);
        });
        robot.clickOn("#connect-join");
        await().atMost(WAIT).until(() -> robot.lookup("#channel-tree").tryQuery().isPresent());
    }

    private boolean visible(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }

    /** The tree is rebuilt on every change, so a lookup may briefly find nothing. */
    private boolean talking(FxRobot robot, String user) {
        return robot.lookup("#user-" + user).tryQuery().map(node -> node.getStyleClass().contains("talking")).orElse(false);
    }

    private String text(FxRobot robot, String query) {
        return robot.lookup(query).<Label>query().getText();
    }

    @Test
    void joiningShowsTheChannelTreeAndAnotherUserAppearing(FxRobot robot) throws Exception {
        room = app.startRoom();
        joinAs(robot, "ann");
        await().atMost(WAIT).until(() -> visible(robot, "#user-ann"));
        assertThat(text(robot, "#connection-status")).startsWith("Connected to 127.0.0.1");

        other = app.closeAfterWindow(Clients.registered(room.port(), "bob"));

        await().atMost(WAIT).until(() -> visible(robot, "#user-bob"));
    }

    @Test
    void sendsAndReceivesChatMessages(FxRobot robot) throws Exception {
        room = app.startRoom();
        other = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        joinAs(robot, "ann");
        await().atMost(WAIT).until(() -> app.shell().main().chat().conversationProperty().get() != null);
        long lobby = app.shell().main().tree().myChannelIdProperty().get();

        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("hello from the window"));
        robot.clickOn("#chat-input").type(javafx.scene.input.KeyCode.ENTER);
        await().atMost(WAIT).until(() -> chatShows(robot, "hello from the window", false));

        Clients.await(other.sendMessage(Conversation.channel(lobby), "hi ann, bob here", null).delivered());
        await().atMost(WAIT).until(() -> chatShows(robot, "hi ann, bob here", false));
    }

    private boolean chatShows(FxRobot robot, String text, boolean pending) {
        ListView<?> list = robot.lookup("#chat-list").query();
        // The lines change on the FX thread: read a copy made there.
        return dev.parley.client.ui.support.Forms.onFx(() -> java.util.List.copyOf(list.getItems())).stream().anyMatch(line -> line.toString().contains(text)
                && (line instanceof dev.parley.client.ui.chat.ChatLine.Pending) == pending);
    }

    @Test
    void unreadBadgeAppearsAndClearsWhenTheChannelIsOpened(FxRobot robot) throws Exception {
        room = app.startRoom();
        other = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        ChannelInfo games = Clients.await(other.request(new Channels.Create(null, "Games", null, null, null),
                Channels.Created.class)).channel();
        joinAs(robot, "ann");

        Clients.await(other.sendMessage(Conversation.channel(games.id()), "anyone for a round?", null).delivered());

        await().atMost(WAIT).until(() -> visible(robot, "#unread-" + games.id()));
        assertThat(text(robot, "#unread-" + games.id())).isEqualTo("1");
        robot.clickOn("#channel-" + games.id());
        await().atMost(WAIT).until(() -> !visible(robot, "#unread-" + games.id()));
        await().atMost(WAIT).until(() -> chatShows(robot, "anyone for a round?", false));
    }

    @Test
    void pushToTalkButtonChangesTransmitState(FxRobot robot) throws Exception {
        room = app.startRoom();
        joinAs(robot, "ann");
        robot.interact(() -> app.shell().main().voiceBar().transmitModeProperty()
                .set(dev.parley.client.core.audio.capture.TransmitMode.PUSH_TO_TALK));
        assertThat(app.shell().main().voiceBar().transmittingProperty().get()).isFalse();

        robot.moveTo("#ptt-button").press(javafx.scene.input.MouseButton.PRIMARY);
        await().atMost(WAIT).until(() -> app.shell().main().voiceBar().transmittingProperty().get());
        await().atMost(WAIT).until(() -> talking(robot, "ann"));

        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        await().atMost(WAIT).until(() -> !app.shell().main().voiceBar().transmittingProperty().get());
    }

    @Test
    void anotherSpeakerLightsTheirTalkingIndicatorEvenWhenDeafened(FxRobot robot) throws Exception {
        room = app.startRoom();
        joinAs(robot, "ann");
        robot.clickOn("#deafen-toggle");
        other = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        await().atMost(WAIT).until(() -> visible(robot, "#user-bob"));

        try (VoiceEngine bob = new VoiceEngine(other, new NullAudioInput(), new NullAudioOutput(),
                VoiceSettings.defaults().withTransmitMode(TransmitMode.ALWAYS_ON))) {
            Clients.await(bob.start());
            await().atMost(WAIT).until(() -> talking(robot, "bob"));
            bob.setSelfMuted(true);
            await().atMost(WAIT).until(() -> visible(robot, "#user-bob") && !talking(robot, "bob"));
        }
    }

    @Test
    void hostingARoomFromTheUiLetsASecondClientJoin(FxRobot robot) throws Exception {
        robot.clickOn("#tab-host");
        int free = freePort();
        robot.interact(() -> {
            robot.lookup("#host-name").<TextField>query().setText("LAN party");
            robot.lookup("#host-port").<TextField>query().setText(Integer.toString(free));
        });
        robot.clickOn("#host-start");
        await().atMost(WAIT).until(() -> visible(robot, "#channel-tree"));
        int port = app.shell().main().session().hosted().orElseThrow().port();
        assertThat(text(robot, "#host-addresses")).contains(":" + port);
        await().atMost(WAIT).until(() -> app.shell().main().tree().selfRoleProperty().get()
                == dev.parley.protocol.control.model.Role.ADMIN);

        other = app.closeAfterWindow(Clients.client(port));
        Clients.signIn(other, new Credentials.Guest("carol", null));

        await().atMost(WAIT).until(() -> visible(robot, "#user-carol"));
        assertThat(app.shell().main().titleProperty().get()).contains("LAN party");
    }

    @Test
    void reconnectsByItselfAfterTheServerRestarts(FxRobot robot) throws Exception {
        room = app.startRoom();
        joinAs(robot, "ann");
        await().atMost(WAIT).until(() -> text(robot, "#connection-status").startsWith("Connected"));

        room.stop();
        await().atMost(WAIT).until(() -> text(robot, "#connection-status").startsWith("Reconnecting…"));
        room.restart();

        await().atMost(WAIT).until(() -> app.shell().main().connectionProperty().get().state() == ConnectionState.CONNECTED);
        await().atMost(WAIT).until(() -> text(robot, "#connection-status").startsWith("Connected"));
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
