package dev.parley.client.ui.call;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.call.CallDesk;
import dev.parley.client.core.call.CallDesk.CurrentCall;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.ui.room.UserNode;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.model.CallEnd;
import dev.parley.protocol.control.model.CallState;
import dev.parley.protocol.voice.AudioFrame;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Calls in the real window against a real room on loopback: ann (the app) calls from the tree and from a
 * direct message, answers from the banner, switches her microphone between call and channel, hangs up,
 * and reads refusals. The others are real clients with a real {@link CallDesk} and voice engine.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CallUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;

    /** Someone in the room with voice started (calls need it) and every call state the room told them. */
    private record Person(ControlClient client, long id, CallDesk desk, List<CurrentCall> states) {
        CallState state() {
            return states.isEmpty() ? null : states.get(states.size() - 1).state();
        }

        CurrentCall last() {
            return states.get(states.size() - 1);
        }
    }

    private Person person(String name) throws Exception {
        ControlClient client = app.closeAfterWindow(Clients.client(room.port()));
        long id = Clients.signIn(client, new Credentials.Register(name, Clients.PASSWORD, null)).self().id();
        CallDesk desk = app.closeAfterWindow(new CallDesk(client));
        List<CurrentCall> states = new CopyOnWriteArrayList<>();
        desk.onChange(states::add);
        VoiceEngine voice = app.closeAfterWindow(new VoiceEngine(client, new NullAudioInput(), new NullAudioOutput(),
                VoiceSettings.defaults().withTransmitMode(TransmitMode.PUSH_TO_TALK)));
        Clients.await(voice.start());
        return new Person(client, id, desk, states);
    }

    /** Ann registers in the window and waits for her voice (the room refuses calls without it). */
    private long annJoins(FxRobot robot) {
        Forms.register(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> app.shell().main().session().voice().linkQuality().isPresent());
        return onFx(() -> app.shell().main().tree().selfIdProperty().get());
    }

    private int transmitTarget() {
        return app.shell().main().session().voice().transmitTarget();
    }

    /** The text of a shown node in the call bar, "" when it is hidden. */
    private String shown(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().filter(node -> node.isVisible() && node.getParent().isVisible())
                .map(node -> ((Labeled) node).getText()).orElse(""));
    }

    private boolean showing(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().map(node -> node.isVisible() && node.getParent().isVisible())
                .orElse(false));
    }

    @Test
    void callingBobFromTheTreeRingsHimAndHangingUpEndsIt(FxRobot robot) throws Exception {
        room = app.startRoom();
        annJoins(robot);
        Person bob = person("bob");

        ContextMenu menu = menuOfRow(robot, "bob");
        MenuItem call = onFx(() -> menu.getItems().stream().filter(item -> "menu-call".equals(item.getId()))
                .findFirst().orElseThrow());
        assertThat(onFx(call::getText)).isEqualTo("Call bob");
        robot.clickOn("Call bob");

        await().atMost(WAIT).until(() -> bob.state() == CallState.INCOMING);
        await().atMost(WAIT).until(() -> "Calling bob…".equals(shown(robot, "#call-status")));
        assertThat(showing(robot, "#call-cancel")).isTrue();
        assertThat(showing(robot, "#call-hangup")).isFalse();

        Clients.await(bob.desk().accept());

        await().atMost(WAIT).until(() -> "In a call with bob".equals(shown(robot, "#call-status")));
        await().atMost(WAIT).until(() -> transmitTarget() == AudioFrame.CALL_TARGET);
        assertThat(shown(robot, "#call-talk-to")).isEqualTo("Talking to: call");
        assertThat(shown(robot, "#call-elapsed")).matches("\\d+:\\d\\d");

        // The user's choice: back to the channel while the call goes on, then to the call again.
        robot.clickOn("#call-talk-to");
        await().atMost(WAIT).until(() -> transmitTarget() == AudioFrame.CHANNEL_TARGET);
        assertThat(shown(robot, "#call-talk-to")).isEqualTo("Talking to: channel");
        robot.clickOn("#call-talk-to");
        await().atMost(WAIT).until(() -> transmitTarget() == AudioFrame.CALL_TARGET);

        robot.clickOn("#call-hangup");

        await().atMost(WAIT).until(() -> bob.state() == CallState.ENDED);
        assertThat(bob.last().reason()).isEqualTo(CallEnd.ENDED);
        await().atMost(WAIT).until(() -> "Call ended".equals(shown(robot, "#call-status")));
        assertThat(transmitTarget()).as("back to the channel").isEqualTo(AudioFrame.CHANNEL_TARGET);
        // The sentence goes away by itself, and the bar with it.
        await().atMost(WAIT).until(() -> !showing(robot, "#call-bar"));
    }

    @Test
    void anIncomingCallCanBeAcceptedFromTheBanner(FxRobot robot) throws Exception {
        room = app.startRoom();
        long ann = annJoins(robot);
        Person bob = person("bob");

        Clients.await(bob.desk().ring(ann));

        await().atMost(WAIT).until(() -> "bob is calling".equals(shown(robot, "#call-status")));
        assertThat(showing(robot, "#call-decline")).isTrue();
        robot.clickOn("#call-accept");

        await().atMost(WAIT).until(() -> bob.state() == CallState.ACTIVE);
        await().atMost(WAIT).until(() -> "In a call with bob".equals(shown(robot, "#call-status")));
        await().atMost(WAIT).until(() -> transmitTarget() == AudioFrame.CALL_TARGET);
        assertThat(onFx(() -> app.shell().main().calls().phaseProperty().get())).isEqualTo(CallPhase.ACTIVE);

        Clients.await(bob.desk().hangup());

        await().atMost(WAIT).until(() -> "Call ended".equals(shown(robot, "#call-status")));
        await().atMost(WAIT).until(() -> transmitTarget() == AudioFrame.CHANNEL_TARGET);
    }

    @Test
    void aDeclinedCallAndABusyOneAreSaidInTheBar(FxRobot robot) throws Exception {
        room = app.startRoom();
        annJoins(robot);
        Person bob = person("bob");
        Person carol = person("carol");
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isPresent());
        robot.interact(() -> app.shell().main().openDirect(bob.id()));

        robot.clickOn("#dm-call");

        await().atMost(WAIT).until(() -> bob.state() == CallState.INCOMING);
        Clients.await(bob.desk().decline());
        await().atMost(WAIT).until(() -> "bob declined".equals(shown(robot, "#call-status")));

        Clients.await(carol.desk().ring(bob.id()));
        await().atMost(WAIT).until(() -> carol.state() == CallState.RINGING);
        robot.clickOn("#dm-call");

        await().atMost(WAIT).until(() -> "bob is in another call".equals(shown(robot, "#call-status")));
        assertThat(transmitTarget()).isEqualTo(AudioFrame.CHANNEL_TARGET);
    }

    @Test
    void cancellingACallLeavesAMissedCallEntryInTheConversation(FxRobot robot) throws Exception {
        room = app.startRoom();
        annJoins(robot);
        Person bob = person("bob");
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isPresent());
        robot.interact(() -> app.shell().main().openDirect(bob.id()));
        robot.clickOn("#dm-call");
        await().atMost(WAIT).until(() -> bob.state() == CallState.INCOMING);

        robot.clickOn("#call-cancel");

        await().atMost(WAIT).until(() -> bob.state() == CallState.ENDED);
        assertThat(bob.last().reason()).isEqualTo(CallEnd.CANCELLED);
        await().atMost(WAIT).until(() -> "Call cancelled".equals(shown(robot, "#call-status")));
        // The room's "📞 Missed call" entry arrives in the open conversation, drawn as a call entry.
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#chat-list .list-cell").queryAll().stream()
                .anyMatch(cell -> cell.getStyleClass().contains("call-entry"))));
    }

    /** Focuses the tree on {@code name}'s row and opens its menu with Shift+F10. */
    private ContextMenu menuOfRow(FxRobot robot, String name) {
        await().atMost(WAIT).until(() -> onFx(() -> rowOf(tree(robot), name) >= 0));
        robot.interact(() -> {
            TreeView<Object> tree = tree(robot);
            tree.requestFocus();
            int row = rowOf(tree, name);
            tree.getSelectionModel().clearAndSelect(row);
            tree.getFocusModel().focus(row);
        });
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        return await().atMost(WAIT).until(() -> onFx(() -> Window.getWindows().stream()
                .filter(window -> window instanceof ContextMenu && window.isShowing())
                .map(ContextMenu.class::cast).findFirst().orElse(null)), Objects::nonNull);
    }

    private static int rowOf(TreeView<Object> tree, String name) {
        for (int i = 0; i < tree.getExpandedItemCount(); i++) {
            TreeItem<Object> item = tree.getTreeItem(i);
            if (item != null && item.getValue() instanceof UserNode user && user.name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static TreeView<Object> tree(FxRobot robot) {
        return robot.lookup("#channel-tree").query();
    }
}
