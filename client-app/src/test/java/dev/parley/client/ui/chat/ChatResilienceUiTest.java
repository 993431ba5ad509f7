package dev.parley.client.ui.chat;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.model.ChannelInfo;
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

/** The chat pane when things go wrong: reconnects, refused sends, guests. Real window, real room. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChatResilienceUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;
    private ControlClient bob;

    private boolean chatShows(FxRobot robot, String text) {
        ListView<?> list = robot.lookup("#chat-list").query();
        // The lines change on the FX thread: read a copy made there.
        return dev.parley.client.ui.support.Forms.onFx(() -> java.util.List.copyOf(list.getItems())).stream().anyMatch(line -> line.toString().contains(text));
    }

    private String notice(FxRobot robot) {
        return robot.lookup("#chat-notice").<Label>query().getText();
    }

    private String input(FxRobot robot) {
        return robot.lookup("#chat-input").<TextField>query().getText();
    }

    @Test
    void aChatOpenedWhileOfflineLoadsOnceTheConnectionIsBack(FxRobot robot) throws Exception {
        room = app.startRoom();
        bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        ChannelInfo games = Clients.await(bob.request(new Channels.Create(null, "Games", null, null, null),
                Channels.Created.class)).channel();
        Clients.await(bob.sendMessage(Conversation.channel(games.id()), "round at nine", null).delivered());
        bob.close();
        bob = null;
        Forms.joinAsGuest(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> robot.lookup("#channel-" + games.id()).tryQuery().isPresent());

        room.stop();
        await().atMost(WAIT).until(() -> app.shell().main().connectionProperty().get().state() != ConnectionState.CONNECTED);
        robot.clickOn("#channel-" + games.id());
        await().atMost(WAIT).until(() -> notice(robot).contains("connection is back"));
        room.restart();

        await().atMost(WAIT).until(() -> chatShows(robot, "round at nine"));
        await().atMost(WAIT).until(() -> notice(robot).isEmpty());
        assertThat(robot.lookup("#chat-header").<Label>query().getText()).isEqualTo("# Games");
    }

    @Test
    void aRefusedMessageComesBackToTheInputWithAPlainSentence(FxRobot robot) {
        room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> !robot.lookup("#chat-header").<Label>query().getText().isEmpty());
        String tooLong = "x".repeat(4001);

        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText(tooLong));
        robot.clickOn("#chat-input").type(KeyCode.ENTER);

        await().atMost(WAIT).until(() -> notice(robot).contains("too long"));
        assertThat(input(robot)).isEqualTo(tooLong);
        assertThat(notice(robot)).doesNotContain("text:");
    }

    @Test
    void aGuestIsToldWhyThereAreNoDirectMessagesAndNothingBreaks(FxRobot robot) throws Exception {
        room = app.startRoom();
        bob = app.closeAfterWindow(Clients.client(room.port()));
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
        Forms.joinAsGuest(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> app.shell().main().chat().conversationProperty().get() != null);
        Conversation before = app.shell().main().chat().conversationProperty().get();
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("my unsent words"));

        robot.interact(() -> app.shell().main().openDirect(bobId));

        assertThat(app.shell().main().chat().conversationProperty().get()).isEqualTo(before);
        assertThat(app.shell().main().tree().noticeProperty().get()).contains("Direct messages need an account");
        assertThat(input(robot)).isEqualTo("my unsent words");
    }

    @Test
    void directMessagesToAGuestAreExplainedNotThrown(FxRobot robot) throws Exception {
        room = app.startRoom();
        bob = app.closeAfterWindow(Clients.client(room.port()));
        long guestId = Clients.signIn(bob, new Credentials.Guest("visitor", null)).self().id();
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> robot.lookup("#user-visitor").tryQuery().isPresent());
        Conversation before = app.shell().main().chat().conversationProperty().get();

        robot.interact(() -> app.shell().main().openDirect(guestId));

        assertThat(app.shell().main().chat().conversationProperty().get()).isEqualTo(before);
        assertThat(app.shell().main().tree().noticeProperty().get()).contains("visitor joined as a guest");
    }
}
