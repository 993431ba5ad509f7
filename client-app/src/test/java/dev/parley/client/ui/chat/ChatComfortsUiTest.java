package dev.parley.client.ui.chat;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.ReactionCount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Chat comforts in the real window against a real room: formatting, the emoji picker and any emoji
 * as a reaction, who reacted, @-mention completion and "jump to present".
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChatComfortsUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;
    private ControlClient bob;
    /** Reactions on each message as bob's client hears them. */
    private final Map<Long, List<ReactionCount>> reactions = new ConcurrentHashMap<>();

    /** Carol in the app, bob on a client, both in the lobby with its chat open. */
    private Conversation carolAndBob(FxRobot robot) throws Exception {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");
        bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        bob.on(Chat.ReactionsChanged.class, changed -> reactions.put(changed.messageId(), changed.reactions()));
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isPresent());
        await().atMost(WAIT).until(() -> app.shell().main().chat().conversationProperty().get() != null);
        return app.shell().main().chat().conversationProperty().get();
    }

    /** The text runs drawn in the chat with a style class, as "class:text". */
    private static List<String> styledRuns(FxRobot robot) {
        return Forms.onFx(() -> robot.lookup("#chat-list .chat-text-run").queryAll().stream()
                .map(node -> (Text) node)
                .flatMap(text -> text.getStyleClass().stream().filter(style -> style.startsWith("chat-") && !style.equals("chat-text-run"))
                        .map(style -> style + ":" + text.getText()))
                .toList());
    }

    /** The list cell drawing {@code text} if it is shown whole inside the list's viewport; FX thread only. */
    private static Optional<ListCell<?>> lineInView(FxRobot robot, String text) {
        ListView<?> list = robot.lookup("#chat-list").query();
        if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return Optional.empty();
        }
        // Spare cells (kept for reuse, or used to measure) are invisible or have an invisible parent.
        return list.lookupAll(".list-cell").stream()
                .<ListCell<?>>map(node -> (ListCell<?>) node)
                .filter(cell -> cell.isVisible() && cell.getParent() != null && cell.getParent().isVisible() && !cell.isEmpty())
                .filter(cell -> cell.lookupAll(".chat-text-run").stream().anyMatch(run -> ((Text) run).getText().equals(text)))
                .filter(cell -> {
                    Bounds inFlow = flow.sceneToLocal(cell.localToScene(cell.getLayoutBounds()));
                    // The same 2 px the chat allows when it decides whether the newest line is in view.
                    return inFlow.getMinY() >= 0 && inFlow.getMaxY() <= flow.getHeight() + 2;
                })
                .findFirst();
    }

    private static String input(FxRobot robot) {
        return Forms.onFx(() -> robot.lookup("#chat-input").<TextField>query().getText());
    }

    @Test
    void boldItalicCodeAndQuotesAreDrawnAsSuch(FxRobot robot) throws Exception {
        Conversation lobby = carolAndBob(robot);

        Clients.await(bob.sendMessage(lobby, "**loud** and *soft* with `x = **y**`\n> said before", null).delivered());

        await().atMost(WAIT).until(() -> styledRuns(robot).contains("chat-bold:loud"));
        assertThat(styledRuns(robot)).contains("chat-italic:soft", "chat-code:x = **y**", "chat-quote:said before");
        assertThat(styledRuns(robot)).as("markers are not shown").noneMatch(run -> run.contains("**loud"));
    }

    @Test
    void theEmojiPickerWritesIntoTheMessage(FxRobot robot) throws Exception {
        Conversation lobby = carolAndBob(robot);
        java.util.List<ChatMessage> bobGot = new java.util.concurrent.CopyOnWriteArrayList<>();
        bob.on(Chat.Posted.class, posted -> bobGot.add(posted.message()));
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("great "));
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().end());

        // The window at the bottom of the screen, as a maximised one is: the picker must open above the box,
        // not be pushed back over the button and the text by the screen's edge.
        robot.interact(() -> app.stage().setY(javafx.stage.Screen.getPrimary().getVisualBounds().getMaxY() - app.stage().getHeight()));
        robot.clickOn("#emoji-button");
        await().atMost(WAIT).until(() -> robot.lookup("#emoji-picker").tryQuery().isPresent());
        javafx.geometry.Bounds button = Forms.onFx(() -> robot.lookup("#emoji-button").query()
                .localToScreen(robot.lookup("#emoji-button").query().getBoundsInLocal()));
        // The picker's box itself (its drop shadow may fall on the button's edge).
        javafx.geometry.Bounds picker = Forms.onFx(() -> robot.lookup("#emoji-picker").query()
                .localToScreen(robot.lookup("#emoji-picker").query().getLayoutBounds()));
        assertThat(picker.getMaxY()).as("the picker opens above the button").isLessThanOrEqualTo(button.getMinY());
        robot.clickOn("#emoji-" + EmojiPicker.EMOJI.indexOf("🎉"));

        assertThat(input(robot)).isEqualTo("great 🎉");
        robot.clickOn("#chat-input").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> bobGot.stream().anyMatch(message -> message.text().equals("great 🎉")
                && lobby.equals(Conversation.of(message, 0))));
    }

    @Test
    void anyEmojiCanBeAReactionAndHoveringSaysWhoReacted(FxRobot robot) throws Exception {
        Conversation lobby = carolAndBob(robot);
        ChatMessage message = Clients.await(bob.sendMessage(lobby, "who is in for pizza?", null).delivered());
        Clients.await(bob.requestOk(new Chat.React(message.id(), "🦄", true)));
        await().atMost(WAIT).until(() -> robot.lookup(".reaction-chip").tryQuery().isPresent());

        // Carol reacts with an emoji that is not among the quick ones, typed into the picker.
        robot.clickOn("who is in for pizza?");
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        await().atMost(WAIT).until(() -> robot.lookup("React with…").tryQuery().isPresent());
        robot.clickOn("React with…");
        robot.clickOn("#emoji-other").write("🦀").type(KeyCode.ENTER);

        await().atMost(WAIT).until(() -> reactions.getOrDefault(message.id(), List.of()).stream()
                .anyMatch(reaction -> reaction.emoji().equals("🦀") && reaction.count() == 1));

        // Carol's list shows her reaction too (the row was redrawn): then point at bob's unicorn.
        await().atMost(WAIT).until(() -> robot.lookup(".reaction-chip").queryAll().stream()
                .anyMatch(chip -> ((Button) chip).getText().startsWith("🦀") && chip.getScene() != null));
        WaitForAsyncUtils.waitForFxEvents();
        robot.moveTo(robot.lookup(".reaction-chip").<Button>match(chip -> ((Button) chip).getText().startsWith("🦄")).<Button>query());
        await().atMost(WAIT).until(() -> Forms.onFx(() -> {
            Button chip = robot.lookup(".reaction-chip").<Button>match(node -> ((Button) node).getText().startsWith("🦄")).query();
            return chip.getTooltip() != null && chip.getTooltip().getText().equals("bob");
        }));
    }

    @Test
    void anAtSignOffersNamesAndTabWritesOneIn(FxRobot robot) throws Exception {
        carolAndBob(robot);
        robot.clickOn("#chat-input");
        robot.interact(() -> {
            TextField input = robot.lookup("#chat-input").query();
            input.setText("ping @Bo");
            input.end();
        });

        await().atMost(WAIT).until(() -> robot.lookup("#mention-bob").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#mention-carol").tryQuery()).as("not myself").isEmpty();
        robot.type(KeyCode.TAB);

        assertThat(input(robot)).isEqualTo("ping @bob ");
        assertThat(Forms.onFx(() -> robot.lookup("#chat-input").query().isFocused())).as("focus stays in the box").isTrue();
        assertThat(robot.lookup("#mention-bob").tryQuery().map(Node::isVisible).orElse(false)).isFalse();
    }

    @Test
    void scrollingUpShowsJumpToPresentWhichBringsBackTheNewest(FxRobot robot) throws Exception {
        Conversation lobby = carolAndBob(robot);
        for (int i = 1; i <= 20; i++) {
            bob.sendMessage(lobby, "line " + i, null);
        }
        Clients.await(bob.sendMessage(lobby, "line 21", null).delivered());
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#chat-list").<ListView<?>>query().getItems()
                .stream().anyMatch(line -> line.toString().contains("line 21"))));
        WaitForAsyncUtils.waitForFxEvents();
        // One message on its own, as they arrive on a quiet machine: the list used to leave it just
        // below the visible area (it scrolled before it had counted the new line).
        Clients.await(bob.sendMessage(lobby, "the newest", null).delivered());
        // Barrier: the newest line drawn whole inside the list's viewport. Its text exists (and TestFX
        // calls it visible) as soon as a cell holds it, even while the list still clips that cell; a
        // click on it then could land below the list, the focus stayed in the header and Home never
        // reached the list (CI waited 45 s for the button).
        await().atMost(WAIT).until(() -> Forms.onFx(() -> lineInView(robot, "the newest").isPresent()));
        assertThat(Forms.onFx(() -> robot.lookup("#jump-present").query().isVisible())).as("at the bottom").isFalse();

        // Back into history as a keyboard user does it: into the message list, then Home.
        robot.clickOn(Forms.onFx(() -> lineInView(robot, "the newest").orElseThrow()));
        assertThat(Forms.onFx(() -> robot.lookup("#chat-list").query().isFocused())).as("the list has the focus").isTrue();
        assertThat(Forms.onFx(() -> robot.lookup("#jump-present").query().isVisible()))
                .as("a click on the newest line is not scrolling up").isFalse();
        robot.type(KeyCode.HOME);
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#jump-present").query().isVisible()));
        // New messages while reading history do not yank the list down.
        Clients.await(bob.sendMessage(lobby, "while you read", null).delivered());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Forms.onFx(() -> robot.lookup("#jump-present").query().isVisible())).isTrue();

        robot.clickOn("#jump-present");
        await().atMost(WAIT).until(() -> !Forms.onFx(() -> robot.lookup("#jump-present").query().isVisible()));
        await().atMost(WAIT).until(() -> robot.lookup("#chat-list .list-cell").queryAll().stream()
                .anyMatch(cell -> cell.isVisible() && cell.lookupAll(".chat-text-run").stream()
                        .anyMatch(text -> ((Text) text).getText().equals("while you read"))));
    }
}
