package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.chat.ChatLine;
import dev.parley.client.ui.chat.DirectMessageList;
import dev.parley.client.ui.room.ChannelNode;
import dev.parley.client.ui.room.UserNode;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.client.ui.support.Screens;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.model.ChannelInfo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12, found by a new user clicking through two app instances: after opening a conversation the
 * caret is where they type; a run of messages by one author shows its name once; the voice bar's
 * notice fits an 800 px window.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChatWalkthroughUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();

    private static String focusOwner(FxRobot robot) {
        return Forms.onFx(() -> {
            Node owner = robot.lookup("#main-window").query().getScene().getFocusOwner();
            return owner == null ? "nothing" : owner.getId() == null ? owner.getClass().getSimpleName() : owner.getId();
        });
    }

    /** Focuses the tree with its cursor on the first row that {@code row} accepts (as arrow keys would). */
    private static void cursorTo(FxRobot robot, Predicate<Object> row) {
        robot.interact(() -> {
            TreeView<Object> tree = robot.lookup("#channel-tree").query();
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

    @Test
    void openingAConversationByClickOrEnterPutsTheCaretInTheMessageBox(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient root = app.closeAfterWindow(Clients.client(room.port()));
        long rootId = Clients.signIn(root, new Credentials.Register("root", Clients.PASSWORD, null)).self().id();
        ChannelInfo gaming = Clients.await(root.request(new Channels.Create(null, "Gaming", null, null, null),
                Channels.Created.class)).channel();
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> robot.lookup("#user-root").tryQuery().isPresent()
                && robot.lookup("#channel-" + gaming.id()).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        long lobby = Forms.onFx(() -> app.shell().main().tree().myChannelIdProperty().get());

        // Enter on a member in the tree opens the DM: the caret goes to the message box at once.
        cursorTo(robot, value -> value instanceof UserNode user && user.id() == rootId);
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> Conversation.direct(rootId).equals(app.shell().main().chat().conversationProperty().get()));
        assertThat(focusOwner(robot)).as("focus after Enter on a member").isEqualTo("chat-input");
        robot.write("hi");
        assertThat(Forms.onFx(() -> robot.lookup("#chat-input").<TextField>query().getText())).isEqualTo("hi");
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().clear());

        // A click on a channel opens its chat, ready to type (as in Discord or Slack).
        robot.clickOn("#channel-" + gaming.id());
        await().atMost(WAIT).until(() -> Conversation.channel(gaming.id()).equals(app.shell().main().chat().conversationProperty().get()));
        assertThat(focusOwner(robot)).as("focus after clicking a channel").isEqualTo("chat-input");

        // A click in the DM list does the same.
        robot.interact(() -> robot.lookup("#channel-tree").query().requestFocus());
        robot.clickOn(robot.lookup("#dm-list .list-cell").<ListCell<?>>match(cell ->
                cell.getItem() instanceof DirectMessageList.Entry entry && entry.name().equals("root")).<Node>query());
        await().atMost(WAIT).until(() -> Conversation.direct(rootId).equals(app.shell().main().chat().conversationProperty().get()));
        assertThat(focusOwner(robot)).as("focus after clicking a DM in the list").isEqualTo("chat-input");

        // Space only previews a channel's chat: a keyboard user browsing the tree keeps their place in it.
        cursorTo(robot, value -> value instanceof ChannelNode channel && channel.id() == lobby);
        robot.type(KeyCode.SPACE);
        await().atMost(WAIT).until(() -> Conversation.channel(lobby).equals(app.shell().main().chat().conversationProperty().get()));
        assertThat(focusOwner(robot)).as("focus after Space on a channel").isEqualTo("channel-tree");
    }

    @Test
    void enteringARoomPutsTheCaretInTheLobbysMessageBox(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        robot.interact(() -> {
            robot.lookup("#connect-host").<TextField>query().setText("127.0.0.1");
            robot.lookup("#connect-port").<TextField>query().setText(Integer.toString(room.port()));
            robot.lookup("#connect-mode").<javafx.scene.control.ChoiceBox<Object>>query()
                    .setValue(dev.parley.client.ui.connect.SignInMode.REGISTER);
            robot.lookup("#connect-username").<TextField>query().setText("carol");
            robot.lookup("#connect-password").<TextField>query().setText(Clients.PASSWORD);
        });
        // As a user does: Enter in the password field, whose focus the start screen had when it went away.
        robot.clickOn("#connect-password").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> app.shell().main() != null);
        // Before, the header's presence menu had the focus: the first keys typed went nowhere.
        await().atMost(WAIT).until(() -> "chat-input".equals(focusOwner(robot)));
        robot.write("hello");
        assertThat(Forms.onFx(() -> robot.lookup("#chat-input").<TextField>query().getText())).isEqualTo("hello");
    }

    @Test
    void f6LeadsFromTheMessageBoxBackToTheTreeWhereShiftF10OpensTheChannelsMenu(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient root = app.closeAfterWindow(Clients.client(room.port()));
        Clients.signIn(root, new Credentials.Register("root", Clients.PASSWORD, null));
        ChannelInfo gaming = Clients.await(root.request(new Channels.Create(null, "Gaming", null, null, null),
                Channels.Created.class)).channel();
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> robot.lookup("#user-root").tryQuery().isPresent()
                && robot.lookup("#channel-" + gaming.id()).tryQuery().isPresent());
        Clients.await(root.sendMessage(Conversation.direct(
                Forms.onFx(() -> app.shell().main().tree().selfIdProperty().get())), "psst", null).delivered());
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#dm-list").<javafx.scene.control.ListView<?>>query()
                .getItems().size()) == 1);

        // A click on a channel puts the caret in the message box, so Shift+F10 there is the text field's menu;
        // F6 goes back to the tree, still on the channel just opened, and Shift+F10 opens that channel's menu.
        robot.clickOn("#channel-" + gaming.id());
        await().atMost(WAIT).until(() -> "chat-input".equals(focusOwner(robot)));
        shiftF6(robot);
        assertThat(focusOwner(robot)).as("Shift+F6 from the message box").isEqualTo("dm-list");
        shiftF6(robot);
        assertThat(focusOwner(robot)).as("Shift+F6 again").isEqualTo("channel-tree");
        assertThat(Forms.onFx(() -> robot.lookup("#channel-tree").<TreeView<Object>>query().getSelectionModel()
                .getSelectedItem().getValue())).as("the tree's selected row").isInstanceOfSatisfying(ChannelNode.class,
                channel -> assertThat(channel.id()).isEqualTo(gaming.id()));
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        javafx.scene.control.ContextMenu menu = await().atMost(WAIT).until(() -> Forms.onFx(() ->
                javafx.stage.Window.getWindows().stream().filter(window -> window instanceof javafx.scene.control.ContextMenu
                        && window.isShowing()).map(javafx.scene.control.ContextMenu.class::cast).findFirst().orElse(null)),
                java.util.Objects::nonNull);
        assertThat(Forms.onFx(() -> menu.getItems().get(0).getText() + (menu.getItems().get(0).isDisable() ? " (off)" : "")))
                .as("the channel menu's first item: Join, on for a channel I am not in").isEqualTo("Join");
        robot.type(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> !Forms.onFx(menu::isShowing));

        // Forward again: the direct messages, then the message box with the caret where it was.
        robot.type(KeyCode.F6);
        assertThat(focusOwner(robot)).as("F6 from the tree").isEqualTo("dm-list");
        robot.type(KeyCode.F6);
        assertThat(focusOwner(robot)).as("F6 from the direct messages").isEqualTo("chat-input");
        assertThat(Conversation.channel(gaming.id())).as("the chat F6 and the menu left open")
                .isEqualTo(app.shell().main().chat().conversationProperty().get());
    }

    private static void shiftF6(FxRobot robot) {
        robot.press(KeyCode.SHIFT).press(KeyCode.F6).release(KeyCode.F6).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Message rows whose graphic shows an author's name (a header), in list order. */
    private static List<String> headers(FxRobot robot) {
        return Forms.onFx(() -> robot.lookup("#chat-list .list-cell").<ListCell<ChatLine>>queryAll().stream()
                .filter(cell -> cell.getItem() instanceof ChatLine.Message && cell.isVisible())
                .sorted(java.util.Comparator.comparingInt(ListCell::getIndex))
                .map(cell -> cell.lookupAll(".chat-author").stream().map(node -> ((Label) node).getText())
                        .findFirst().orElse("-"))
                .toList());
    }

    @Test
    void aRunOfMessagesByOneAuthorShowsTheNameOnceAndEveryRowStillNamesItsAuthor(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient root = app.closeAfterWindow(Clients.registered(room.port(), "root"));
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> app.shell().main().chat().conversationProperty().get() != null);
        Conversation lobby = app.shell().main().chat().conversationProperty().get();

        for (String text : List.of("first", "second", "third")) {
            Clients.await(root.sendMessage(lobby, text, null).delivered());
        }
        await().atMost(WAIT).until(() -> headers(robot).size() == 3);
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("hello root"));
        robot.clickOn("#chat-input").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> headers(robot).size() == 4 && !headers(robot).get(3).equals("me"));
        Clients.await(root.sendMessage(lobby, "welcome", null).delivered());
        await().atMost(WAIT).until(() -> headers(robot).size() == 5);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screens.snapshot(app.stage().getScene(), "chat-grouped"));

        assertThat(headers(robot)).as("one header per run of one author's messages")
                .containsExactly("root", "-", "-", "carol", "root");
        List<String> spoken = Forms.onFx(() -> robot.lookup("#chat-list .list-cell").<ListCell<ChatLine>>queryAll().stream()
                .filter(cell -> cell.getItem() instanceof ChatLine.Message && cell.isVisible())
                .sorted(java.util.Comparator.comparingInt(ListCell::getIndex))
                .map(ListCell::getAccessibleText).toList());
        assertThat(spoken).as("a screen reader hears who wrote each row, grouped or not").hasSize(5);
        assertThat(spoken.get(1)).startsWith("root").contains("second");
        assertThat(spoken.get(2)).startsWith("root").contains("third");
        assertThat(spoken.get(3)).startsWith("carol").contains("hello root");
    }

    @Test
    void theVoiceNoticeFitsAnEightHundredPixelWindowInPushToTalk(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "carol");
        robot.interact(() -> {
            // The longest sentence the voice bar says (VoiceSetup, a machine without a microphone); the test's
            // null devices open fine, so it is set here as the voice engine would.
            app.shell().main().voiceBar().noticeProperty().set("No microphone found: others cannot hear you");
            app.shell().main().voiceBar().transmitModeProperty().set(TransmitMode.PUSH_TO_TALK);
            app.stage().setWidth(800);
            app.stage().setHeight(500);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            Screens.snapshot(app.stage().getScene(), "voice-notice-800x500-ptt");
            Label notice = robot.lookup("#voice-notice").query();
            assertThat(notice.getText()).isNotEmpty();
            Screens.assertFullyVisible(app.stage().getScene(), "#voice-notice");
            assertThat(notice.getTooltip().getText()).as("the whole sentence, whatever the width").isEqualTo(notice.getText());
            for (String control : List.of("#mute-toggle", "#deafen-toggle", "#transmit-mode", "#ptt-button", "#chat-input")) {
                Screens.assertFullyVisible(app.stage().getScene(), control);
            }
        });
    }
}
