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
import dev.parley.protocol.control.model.ChannelInfo;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Everything by keyboard alone: join, direct messages, menus, edit, cancel, and a visible focus. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KeyboardUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;
    private ControlClient bob;

    private TreeView<Object> tree(FxRobot robot) {
        return robot.lookup("#channel-tree").query();
    }

    /** Focuses the tree with its cursor on the first row that {@code row} accepts (as arrow keys would). */
    private void cursorTo(FxRobot robot, java.util.function.Predicate<Object> row) {
        robot.interact(() -> {
            TreeView<Object> tree = tree(robot);
            tree.requestFocus();
            for (int i = 0; i < tree.getExpandedItemCount(); i++) {
                TreeItem<Object> item = tree.getTreeItem(i);
                if (row.test(item.getValue())) {
                    tree.getSelectionModel().clearAndSelect(i);
                    tree.getFocusModel().focus(i);
                    return;
                }
            }
            throw new AssertionError("no such row");
        });
    }

    private boolean contextMenuShowing() {
        return Window.getWindows().stream().anyMatch(window -> window instanceof ContextMenu && window.isShowing());
    }

    @Test
    void enterJoinsAChannelAndOpensADirectMessageAndShiftF10OpensTheMenu(FxRobot robot) throws Exception {
        room = app.startRoom();
        bob = app.closeAfterWindow(Clients.client(room.port()));
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
        ChannelInfo games = Clients.await(bob.request(new Channels.Create(null, "Games", null, null, null),
                Channels.Created.class)).channel();
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isPresent());

        cursorTo(robot, value -> value instanceof dev.parley.client.ui.room.ChannelNode c && c.id() == games.id());
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> app.shell().main().tree().myChannelIdProperty().get() == games.id());
        assertThat(app.shell().main().chat().conversationProperty().get()).isEqualTo(Conversation.channel(games.id()));

        cursorTo(robot, value -> value instanceof dev.parley.client.ui.room.UserNode u && u.id() == bobId);
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> Conversation.direct(bobId).equals(app.shell().main().chat().conversationProperty().get()));

        cursorTo(robot, value -> value instanceof dev.parley.client.ui.room.UserNode u && u.id() == bobId);
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        await().atMost(WAIT).until(this::contextMenuShowing);
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void upArrowEditsMyLastMessageAndEscapeCancels(FxRobot robot) throws Exception {
        room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> !app.shell().main().chat().titleProperty().get().isEmpty());
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("helo"));
        robot.clickOn("#chat-input").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> chatShows(robot, "helo"));

        robot.type(KeyCode.UP);
        await().atMost(WAIT).until(() -> "helo".equals(input(robot)));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(input(robot)).isEmpty();
        assertThat(robot.lookup("#chat-editing").query().isVisible()).isFalse();

        robot.type(KeyCode.UP);
        await().atMost(WAIT).until(() -> "helo".equals(input(robot)));
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("hello"));
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> chatShows(robot, "text=hello,") && !chatShows(robot, "text=helo,"));
        assertThat(input(robot)).isEmpty();
    }

    @Test
    void muteDeafenAndTheTreeShowAFocusRing(FxRobot robot) {
        room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "ann");
        for (String id : new String[] {"#mute-toggle", "#deafen-toggle", "#channel-tree"}) {
            robot.interact(() -> robot.lookup(id).query().requestFocus());
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.layout.Region region = robot.lookup(id).query();
            assertThat(region.getBorder()).as(id + " has a border when focused").isNotNull();
            assertThat(region.getBorder().getStrokes()).as(id + " focus ring is visible")
                    .anyMatch(stroke -> stroke.getTopStroke() instanceof Color color && color.getOpacity() > 0
                            && stroke.getWidths().getTop() >= 2);
        }
    }

    private boolean chatShows(FxRobot robot, String text) {
        ListView<?> list = robot.lookup("#chat-list").query();
        // The lines change on the FX thread: read a copy made there.
        return dev.parley.client.ui.support.Forms.onFx(() -> java.util.List.copyOf(list.getItems())).stream().anyMatch(line -> line.toString().contains(text));
    }

    private String input(FxRobot robot) {
        return robot.lookup("#chat-input").<TextField>query().getText();
    }
}
