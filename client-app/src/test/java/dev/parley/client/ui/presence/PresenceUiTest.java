package dev.parley.client.ui.presence;

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
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.UserState;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Presence in the real window against a real room: chosen in the header and seen by others, away by
 * itself after idle time and back on activity, shown in the tree and the DM list, and members who
 * are not here listed with when they were last seen.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PresenceUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;
    private ControlClient bob;
    /** Carol as bob's client sees her, by the room's user.state events. */
    private final Map<String, Presence> bobSees = new ConcurrentHashMap<>();

    private void bobJoins() throws Exception {
        bob = app.closeAfterWindow(Clients.client(room.port()));
        bob.on(Users.StateChanged.class, state -> remember(state.user()));
        Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).users().forEach(this::remember);
    }

    private void remember(UserState state) {
        bobSees.put(state.user().name(), state.presence());
    }

    private static String text(FxRobot robot, String selector) {
        return Forms.onFx(() -> robot.lookup(selector).tryQuery().map(node -> ((Label) node).getText()).orElse(""));
    }

    private static java.util.List<String> dotClasses(FxRobot robot, String selector) {
        return Forms.onFx(() -> robot.lookup(selector).tryQuery().map(node -> java.util.List.copyOf(node.getStyleClass()))
                .orElse(java.util.List.of()));
    }

    @Test
    void aPresenceChosenInTheHeaderReachesOthersAndShowsInTheTree(FxRobot robot) throws Exception {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");
        bobJoins();
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isPresent());

        robot.interact(() -> robot.lookup("#presence-choice").<ChoiceBox<Presence>>query().setValue(Presence.BUSY));
        robot.interact(() -> robot.lookup("#presence-choice").<ChoiceBox<Presence>>query().fireEvent(new javafx.event.ActionEvent()));

        await().atMost(WAIT).until(() -> bobSees.get("carol") == Presence.BUSY);
        await().atMost(WAIT).until(() -> text(robot, "#presence-carol").equals("busy"));
        // One look for presence: the tree's dot is the DM list's dot (green online, amber away, red busy).
        assertThat(dotClasses(robot, "#presence-dot-bob")).contains("presence-online");
        assertThat(dotClasses(robot, "#presence-dot-carol")).contains("presence-busy");

        // Bob goes away: carol's tree and, once they have talked, her DM list say so.
        Clients.await(bob.requestOk(new Session.SetPresence(Presence.AWAY)));
        await().atMost(WAIT).until(() -> text(robot, "#presence-bob").equals("away"));
        long carolId = Forms.onFx(() -> app.shell().main().tree().selfIdProperty().get());
        Clients.await(bob.sendMessage(Conversation.direct(carolId), "brb", null).delivered());
        await().atMost(WAIT).until(() -> text(robot, "#dm-presence-bob").equals("away"));
        assertThat(dotClasses(robot, "#presence-dot-bob")).contains("presence-away")
                .isEqualTo(dotClasses(robot, "#dm-dot-bob"));
        Clients.await(bob.requestOk(new Session.SetPresence(Presence.ONLINE)));
        await().atMost(WAIT).until(() -> robot.lookup("#dm-presence-bob").tryQuery().isEmpty());
        await().atMost(WAIT).until(() -> dotClasses(robot, "#presence-dot-bob").contains("presence-online"));
        assertThat(dotClasses(robot, "#dm-dot-bob")).isEqualTo(dotClasses(robot, "#presence-dot-bob"));
        assertThat(robot.lookup("#presence-bob").tryQuery()).as("online needs no tag").isEmpty();
    }

    @Test
    void idleTimeTurnsMeAwayAndActivityBringsMeBack(FxRobot robot) throws Exception {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");
        bobJoins();
        await().atMost(WAIT).until(() -> bobSees.get("carol") == Presence.ONLINE);
        PresenceViewModel presence = app.shell().main().presence();
        // Minutes in Settings; a nanosecond here, so any idle check finds carol idle without waiting.
        robot.interact(() -> {
            presence.setAwayAfter(Duration.ofNanos(1));
            presence.checkIdle();
            presence.setAwayAfter(Duration.ofHours(1)); // the periodic check must not interfere from here on
        });
        assertThat(Forms.onFx(() -> presence.autoAway())).isTrue();
        await().atMost(WAIT).until(() -> bobSees.get("carol") == Presence.AWAY);
        assertThat(Forms.onFx(() -> robot.lookup("#presence-choice").<ChoiceBox<Presence>>query().getValue()))
                .isEqualTo(Presence.AWAY);

        robot.moveTo("#chat-list").moveBy(20, 10);

        await().atMost(WAIT).until(() -> bobSees.get("carol") == Presence.ONLINE);
        assertThat(Forms.onFx(() -> presence.presenceProperty().get())).isEqualTo(Presence.ONLINE);
    }

    /**
     * Found walking through the app: the host quit, and a joiner who had not touched anything got a red
     * "Presence not changed: Not connected to the room right now." under the tree (auto-away tried while
     * the room was gone).
     */
    @Test
    void goingAwayByItselfWhileTheRoomIsGoneShowsNoErrorAndTriesAgainLater(FxRobot robot) throws Exception {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");
        PresenceViewModel presence = app.shell().main().presence();
        room.stop();
        await().atMost(WAIT).until(() -> Forms.onFx(() -> app.shell().main().session().client().status().state())
                != dev.parley.client.core.net.ConnectionState.CONNECTED);

        robot.interact(() -> {
            presence.setAwayAfter(Duration.ofNanos(1));
            presence.checkIdle();
        });

        await().atMost(WAIT).until(() -> Forms.onFx(() -> presence.presenceProperty().get()) == Presence.ONLINE);
        assertThat(Forms.onFx(() -> presence.noticeProperty().get())).isEmpty();
        assertThat(Forms.onFx(() -> app.shell().main().tree().noticeProperty().get())).isEmpty();
        assertThat(Forms.onFx(() -> presence.autoAway())).as("the next check tries again").isFalse();
    }

    @Test
    void idleTimeNeverOverridesBusy(FxRobot robot) {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");
        PresenceViewModel presence = app.shell().main().presence();
        robot.interact(() -> {
            presence.choose(Presence.BUSY);
            presence.setAwayAfter(Duration.ofNanos(1));
            presence.checkIdle();
        });
        assertThat(Forms.onFx(() -> presence.presenceProperty().get())).isEqualTo(Presence.BUSY);
        // The same check does turn an online user away: it is busy that protects her.
        robot.interact(() -> {
            presence.choose(Presence.ONLINE);
            presence.checkIdle();
        });
        assertThat(Forms.onFx(() -> presence.presenceProperty().get())).isEqualTo(Presence.AWAY);
    }

    @Test
    void theAwayTimeIsSetInSettings(FxRobot robot) {
        room = app.startRoom();
        Forms.register(robot, room.port(), "carol");

        robot.clickOn("#open-settings");
        robot.interact(() -> robot.lookup("#settings-away-minutes").<javafx.scene.control.Spinner<Integer>>query()
                .getValueFactory().setValue(25));
        robot.clickOn(robot.lookup(".dialog-pane .button").<javafx.scene.control.Button>match(
                button -> ((javafx.scene.control.Button) button).getText().equals("OK")).<javafx.scene.control.Button>query());

        await().atMost(WAIT).until(() -> app.shell().context().preferences().get().awayAfterMinutes() == 25);
        assertThat(Forms.onFx(() -> app.shell().main().presence().awayAfter())).isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    void membersWhoAreNotHereAreListedWithWhenTheyWereLastSeen(FxRobot robot) throws Exception {
        room = app.startRoom();
        // Dave was here before carol and left.
        ControlClient dave = Clients.registered(room.port(), "dave");
        dave.close();
        Forms.register(robot, room.port(), "carol");
        bobJoins();
        robot.interact(() -> robot.lookup("#offline-pane").<TitledPane>query().setExpanded(true));

        await().atMost(WAIT).until(() -> robot.lookup("#offline-dave").tryQuery().isPresent());
        assertThat(text(robot, "#last-seen-dave")).matches("last seen (just now|\\d+ min ago)");
        assertThat(robot.lookup("#offline-bob").tryQuery()).as("bob is here").isEmpty();

        // Bob leaves while carol watches: he joins the list.
        bob.close();
        bob = null;
        await().atMost(WAIT).until(() -> robot.lookup("#offline-bob").tryQuery().isPresent());
        assertThat(text(robot, "#last-seen-bob")).isEqualTo("last seen just now");
        assertThat(Forms.onFx(() -> robot.lookup("#offline-pane").<TitledPane>query().getText())).isEqualTo("Offline (2)");
    }
}
