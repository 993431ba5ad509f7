package dev.parley.client.ui.voice;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.UserInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The "● Recording" indicator in the real window, with a second participant in the same room: it shows
 * who records, clears on stop and when the recorder drops out; and the window's own Record toggle is
 * announced to the other participant.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RecordingIndicatorUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();

    private static String indicator(FxRobot robot) {
        return Forms.onFx(() -> {
            Label label = robot.lookup("#recording-indicator").query();
            return label.isVisible() ? label.getText() : "";
        });
    }

    @Test
    void everyoneInTheChannelSeesWhoRecordsUntilItEnds(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "ann");
        ControlClient bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        List<Recording.State> seenByBob = new CopyOnWriteArrayList<>();
        bob.on(Recording.State.class, seenByBob::add);
        Clients.await(bob.request(new Voice.Start(), Voice.Ready.class));

        Clients.await(bob.requestOk(new Recording.Start()));
        await().atMost(WAIT).until(() -> indicator(robot).equals("● Recording: bob"));
        Clients.await(bob.requestOk(new Recording.Stop()));
        await().atMost(WAIT).until(() -> indicator(robot).isEmpty());

        // Ann's own Record toggle: the room tells Bob, and her window shows her too.
        robot.clickOn("#record-toggle");
        await().atMost(WAIT).until(() -> seenByBob.stream().anyMatch(state ->
                state.recorders().stream().map(UserInfo::name).toList().equals(List.of("ann"))));
        await().atMost(WAIT).until(() -> indicator(robot).equals("● Recording: ann"));
        robot.clickOn("#record-toggle");
        await().atMost(WAIT).until(() -> indicator(robot).isEmpty());
        await().atMost(WAIT).until(() -> !seenByBob.isEmpty() && seenByBob.get(seenByBob.size() - 1).recorders().isEmpty());

        // A recorder who drops out leaves no stale indicator behind.
        Clients.await(bob.requestOk(new Recording.Start()));
        await().atMost(WAIT).until(() -> indicator(robot).equals("● Recording: bob"));
        bob.close();
        await().atMost(WAIT).until(() -> indicator(robot).isEmpty());
        assertThat(Forms.onFx(() -> app.shell().main().recording().recordingProperty().get())).isFalse();
    }
}
