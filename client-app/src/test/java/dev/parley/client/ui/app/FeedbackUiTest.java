package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.client.ui.support.UiRoom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Feedback in the real window against a real room: hosting says what it is doing, reconnecting
 * counts down to the next try, Recent names the room, a mouse button can be push-to-talk, a DM
 * arriving while another chat is open shows in the window, and the DM list's hint is readable.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FeedbackUiTest {
    private static final Pattern COUNTDOWN = Pattern.compile("next try in (\\d+) s");

    // A slow back-off, so the countdown to the next reconnect is there to be read.
    @RegisterExtension
    final AppWindow app = new AppWindow((home, background) -> UiRoom.context(home, UiThread.fx(), background,
            UiRoom.FAST.withBackoff(Duration.ofSeconds(4), Duration.ofSeconds(6))));
    private TestRoom room;
    private ControlClient bob;

    private static String text(FxRobot robot, String selector) {
        return Forms.onFx(() -> robot.lookup(selector).<Label>query().getText());
    }

    @Test
    void hostingSaysWhatItIsDoingUntilTheRoomIsUp(FxRobot robot) throws Exception {
        List<String> steps = new CopyOnWriteArrayList<>();
        List<Boolean> progressShown = new CopyOnWriteArrayList<>();
        robot.clickOn("#tab-host");
        robot.interact(() -> {
            Label step = robot.lookup("#host-step").query();
            step.textProperty().addListener((obs, old, now) -> {
                steps.add(now);
                progressShown.add(robot.lookup("#host-progress").query().getParent().isVisible());
            });
            robot.lookup("#host-port").<TextField>query().setText("0");
        });
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int chosen = port;
        robot.interact(() -> robot.lookup("#host-port").<TextField>query().setText(Integer.toString(chosen)));

        robot.clickOn("#host-start");

        await().atMost(WAIT).until(() -> app.shell().main() != null && app.shell().main().session().hosted().isPresent());
        assertThat(steps).as("the steps hosting showed").anySatisfy(step -> assertThat(step).startsWith("Starting the room"));
        assertThat(steps).anySatisfy(step -> assertThat(step).contains("signing you in"));
        assertThat(steps.get(steps.size() - 1)).as("idle again once hosted").isEmpty();
        assertThat(progressShown.get(0)).as("the progress line is shown while starting").isTrue();
    }

    @Test
    void joiningSaysWhichStepItIsAtBesideTheGreyedJoinButton(FxRobot robot) throws Exception {
        room = app.startRoom();
        // Each text the line beside Join showed, with whether it was visible and Join greyed at that moment.
        List<String> steps = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            Label line = robot.lookup("#connect-stage").query();
            javafx.scene.Node join = robot.lookup("#connect-join").query();
            assertThat(line.isVisible()).as("nothing beside Join before joining").isFalse();
            line.textProperty().addListener((obs, old, now) -> steps.add(now + " | shown=" + line.isVisible()
                    + " | join greyed=" + join.isDisabled()));
        });

        Forms.register(robot, room.port(), "carol");

        String where = "127.0.0.1:" + room.port();
        assertThat(steps).as("the steps joining showed").contains(
                "Connecting to " + where + "… | shown=true | join greyed=true",
                "Signed in as carol. Opening the room… | shown=true | join greyed=true");
        assertThat(steps).anySatisfy(step -> assertThat(step).startsWith("Connecting to " + where + " and signing in…"));
        assertThat(steps.get(steps.size() - 1)).as("cleared once joined").startsWith(" |");
    }

    @Test
    void reconnectingCountsDownToTheNextTry(FxRobot robot) throws Exception {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");
        List<String> shown = new CopyOnWriteArrayList<>();
        robot.interact(() -> robot.lookup("#connection-status").<Label>query().textProperty()
                .addListener((obs, old, now) -> shown.add(now)));

        room.stop();

        // The next try is 4–6 s away: the status says so and counts down second by second.
        await().atMost(WAIT).until(() -> shown.stream().filter(text -> COUNTDOWN.matcher(text).find()).distinct().count() >= 2);
        List<Integer> seconds = shown.stream().map(COUNTDOWN::matcher).filter(Matcher::find)
                .map(matcher -> Integer.parseInt(matcher.group(1))).toList();
        assertThat(seconds.get(0)).isBetween(1, 7);
        assertThat(seconds.get(1)).as("counting down").isLessThan(seconds.get(0));
        assertThat(text(robot, "#connection-status")).startsWith("Reconnecting…");

        room.restart();
        await().atMost(WAIT).until(() -> text(robot, "#connection-status").startsWith("Connected"));
    }

    @Test
    void recentRoomsShowTheRoomsName(FxRobot robot) {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");

        robot.interact(() -> app.shell().leave());

        await().atMost(WAIT).until(() -> robot.lookup("#connect-recent .list-cell").queryAll().stream()
                .map(cell -> ((ListCell<?>) cell).getText()).anyMatch(text -> text != null
                        && text.startsWith("Parley room") && text.contains("carol @ 127.0.0.1:" + room.port())));
    }

    /**
     * Found walking through the app: a guest link with a taken name left "That name is taken…" in red after the
     * user picked their account from Recent, and the caret stayed in the list instead of the password.
     */
    @Test
    void choosingARecentRoomClearsTheLastErrorAndAsksForThePassword(FxRobot robot) {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");
        robot.interact(() -> app.shell().leave());
        await().atMost(WAIT).until(() -> !robot.lookup("#connect-recent .list-cell").queryAll().stream()
                .map(cell -> ((ListCell<?>) cell).getText()).filter(java.util.Objects::nonNull).toList().isEmpty());
        robot.interact(() -> app.shell().connectModel().errorProperty().set("That name is taken, or looks too much like the account 'carol'."));

        robot.clickOn(robot.lookup("#connect-recent .list-cell").<ListCell<?>>match(cell -> cell.getText() != null)
                .<javafx.scene.Node>query());

        assertThat(text(robot, "#connect-error")).isEmpty();
        assertThat(Forms.onFx(() -> app.shell().connectModel().usernameProperty().get())).isEqualTo("carol");
        assertThat(Forms.onFx(() -> robot.lookup("#connect-password").query().isFocused())).as("caret in Password").isTrue();
    }

    @Test
    void aMouseButtonChosenInSettingsIsPushToTalk(FxRobot robot) throws Exception {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");

        robot.clickOn("#open-settings");
        robot.clickOn("#settings-ptt-key");
        robot.press(MouseButton.MIDDLE).release(MouseButton.MIDDLE);
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#settings-ptt-key").<Button>query().getText())
                .equals("Middle mouse button"));
        robot.clickOn(robot.lookup(".dialog-pane .button").<Button>match(button -> ((Button) button).getText().equals("OK")).<Button>query());

        await().atMost(WAIT).until(() -> app.shell().context().preferences().get().voice().pttKey().equals("MOUSE_MIDDLE"));
        robot.moveTo("#chat-list").press(MouseButton.MIDDLE);
        await().atMost(WAIT).until(() -> Forms.onFx(() -> app.shell().main().voiceBar().pushToTalkProperty().get()));
        robot.release(MouseButton.MIDDLE);
        await().atMost(WAIT).until(() -> !Forms.onFx(() -> app.shell().main().voiceBar().pushToTalkProperty().get()));
    }

    @Test
    void aDirectMessageWhileAnotherChatIsOpenShowsInTheWindowAndOpensOnClick(FxRobot robot) throws Exception {
        room = app.startRoom();
        bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> app.shell().main().chat().conversationProperty().get() != null);
        assertThat(Forms.onFx(() -> app.stage().isFocused())).as("the window has focus (no desktop notification)").isTrue();
        long carolId = Forms.onFx(() -> app.shell().main().tree().selfIdProperty().get());

        Clients.await(bob.sendMessage(Conversation.direct(carolId), "psst, the cake is in the fridge", null).delivered());

        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#in-app-toast").query().isVisible()));
        assertThat(text(robot, "#in-app-toast-title")).isEqualTo("Direct message from bob");
        robot.clickOn("#in-app-toast");
        await().atMost(WAIT).until(() -> text(robot, "#chat-header").equals("Direct message with bob"));
        assertThat(Forms.onFx(() -> robot.lookup("#in-app-toast").query().isVisible())).isFalse();
    }

    @Test
    void theDirectMessageHintIsReadableAtTheSmallestWindow(FxRobot robot) {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");
        for (double[] size : new double[][] {{AppShell.MIN_WIDTH, AppShell.MIN_HEIGHT}, {AppShell.FIRST_WIDTH, AppShell.FIRST_HEIGHT}}) {
            robot.interact(() -> {
                app.stage().setWidth(size[0]);
                app.stage().setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            String full = text(robot, "#dm-placeholder");
            String drawn = Forms.onFx(() -> robot.lookup("#dm-placeholder").query().lookupAll(".text").stream()
                    .filter(Text.class::isInstance).map(node -> ((Text) node).getText()).findFirst().orElse(""));
            assertThat(drawn).as("the hint at %s×%s is drawn whole, not cut with …", size[0], size[1]).isEqualTo(full);
            Node hint = robot.lookup("#dm-placeholder").query();
            double hintBottom = Forms.onFx(() -> hint.localToScene(hint.getBoundsInLocal()).getMaxY());
            Node dmList = robot.lookup("#dm-list").query();
            double listBottom = Forms.onFx(() -> dmList.localToScene(dmList.getBoundsInLocal()).getMaxY());
            assertThat(hintBottom).as("the hint fits inside the DM list").isLessThanOrEqualTo(listBottom + 0.5);
        }
    }
}
