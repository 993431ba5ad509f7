package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Direct messages in the real window against a real room: what the chat pane shows and where Enter
 * sends never changes because the channel tree refreshed.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DirectMessageUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;
    private ControlClient root;

    private String header(FxRobot robot) {
        return robot.lookup("#chat-header").<Label>query().getText();
    }

    @Test
    void aTreeRefreshNeverMovesAnOpenDirectMessageToAChannel(FxRobot robot) throws Exception {
        room = app.startRoom();
        root = app.closeAfterWindow(Clients.client(room.port()));
        long rootId = Clients.signIn(root, new Credentials.Register("root", Clients.PASSWORD, null)).self().id();
        ChannelInfo gaming = Clients.await(root.request(new Channels.Create(null, "Gaming", null, null, null),
                Channels.Created.class)).channel();
        // Gaming is a sub-channel of the lobby, right below the users: where a rebuild used to land the selection.
        List<ChatMessage> rootReceived = new CopyOnWriteArrayList<>();
        root.on(Chat.Posted.class, posted -> rootReceived.add(posted.message()));

        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> robot.lookup("#user-root").tryQuery().isPresent());
        // Let the sign-in's tree rebuilds finish first: a lookup racing one can meet a row already taken out.
        WaitForAsyncUtils.waitForFxEvents();
        // Carol clicks root's row in the tree, then opens a DM with root from its menu.
        robot.clickOn("#user-root");
        robot.interact(() -> app.shell().main().openDirect(rootId));
        await().atMost(WAIT).until(() -> Conversation.direct(rootId).equals(app.shell().main().chat().conversationProperty().get()));
        assertThat(header(robot)).isEqualTo("Direct message with root");
        List<Conversation> switches = new CopyOnWriteArrayList<>();
        robot.interact(() -> app.shell().main().chat().conversationProperty().addListener((obs, old, now) -> switches.add(now)));

        // Root mutes: everyone's tree rebuilds.
        Clients.await(root.requestOk(new Voice.SetState(true, false)));
        await().atMost(WAIT).until(() -> robot.lookup("#channel-tree .self-muted").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(switches).as("conversation switches caused by a tree refresh").isEmpty();
        assertThat(header(robot)).isEqualTo("Direct message with root");
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("just between us"));
        robot.clickOn("#chat-input").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> rootReceived.stream().anyMatch(m -> m.text().equals("just between us")));
        ChatMessage sent = rootReceived.stream().filter(m -> m.text().equals("just between us")).findFirst().orElseThrow();
        assertThat(sent.channelId()).as("the private message must not land in a channel").isNull();
        assertThat(sent.toUserId()).isEqualTo(rootId);
    }

    @Test
    void aDirectMessageArrivingWhileFocusedShowsInTheListWithoutMovingTheChat(FxRobot robot) throws Exception {
        room = app.startRoom();
        root = app.closeAfterWindow(Clients.registered(room.port(), "root"));
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> app.shell().main().chat().conversationProperty().get() != null);
        Conversation lobby = app.shell().main().chat().conversationProperty().get();
        long carolId = app.shell().main().tree().selfIdProperty().get();

        Clients.await(root.sendMessage(Conversation.direct(carolId), "psst, carol", null).delivered());

        await().atMost(WAIT).until(() -> robot.lookup("#dm-unread-root").tryQuery()
                .map(node -> ((Label) node).getText().equals("1")).orElse(false));
        assertThat(app.shell().main().chat().conversationProperty().get()).isEqualTo(lobby);
        // The list cell, not the label inside it: a presence or unread update rebuilds the label, and a click
        // aimed at the old one found it out of the scene (NullPointerException from TestFX under load).
        robot.clickOn(robot.lookup("#dm-list .list-cell").<javafx.scene.control.ListCell<?>>match(cell ->
                cell.getItem() instanceof dev.parley.client.ui.chat.DirectMessageList.Entry entry
                        && entry.name().equals("root")).<javafx.scene.Node>query());
        await().atMost(WAIT).until(() -> header(robot).equals("Direct message with root"));
        await().atMost(WAIT).until(() -> robot.lookup("#dm-unread-root").tryQuery().isEmpty());
        await().atMost(WAIT).until(() -> Forms.onFx(() -> java.util.List.copyOf(
                robot.lookup("#chat-list").<javafx.scene.control.ListView<?>>query().getItems())).stream().anyMatch(line -> line.toString().contains("psst, carol")));
    }
    /**
     * Found walking through the app: carol had read her DM with root, left and came back; her DM list said
     * "No conversations yet" (it only knew this session's messages and the unread counts).
     */
    @Test
    void aReadConversationIsStillInTheListAfterSigningInAgain(FxRobot robot) throws Exception {
        room = app.startRoom();
        root = app.closeAfterWindow(Clients.client(room.port()));
        long rootId = Clients.signIn(root, new dev.parley.client.core.net.Credentials.Register("root", Clients.PASSWORD, null))
                .self().id();
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> app.shell().main().chat().conversationProperty().get() != null);
        long carolId = app.shell().main().tree().selfIdProperty().get();
        Clients.await(root.sendMessage(Conversation.direct(carolId), "psst, carol", null).delivered());
        await().atMost(WAIT).until(() -> robot.lookup("#dm-unread-root").tryQuery().isPresent());
        robot.interact(() -> app.shell().main().openDirect(rootId));
        await().atMost(WAIT).until(() -> robot.lookup("#dm-unread-root").tryQuery().isEmpty());

        robot.interact(() -> app.shell().leave());
        Forms.logIn(robot, room.port(), "carol");

        await().atMost(WAIT).until(() -> robot.lookup("#dm-root").tryQuery().isPresent());
        assertThat(robot.lookup("#dm-unread-root").tryQuery()).as("nothing unread in it").isEmpty();
    }
}
