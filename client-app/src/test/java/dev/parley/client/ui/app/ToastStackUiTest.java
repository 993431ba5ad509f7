package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.notify.Toast;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.client.ui.support.Screens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12: toasts shown close together (a DM while another chat is open, a mention, a friend request)
 * lie one above the other instead of on top of each other, and the window under them still gets its
 * clicks: neither a click elsewhere nor one in the gap between two toasts is swallowed.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ToastStackUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();

    /** Every toast box on screen (in the window or in a popup of it), in screen coordinates, top to bottom. */
    private static List<Bounds> toastsOnScreen() {
        return Forms.onFx(() -> {
            List<Bounds> found = new ArrayList<>();
            for (Window window : Window.getWindows()) {
                if (!window.isShowing() || window.getScene() == null) {
                    continue;
                }
                for (Node node : window.getScene().getRoot().lookupAll(".toast")) {
                    if (shown(node)) {
                        found.add(node.localToScreen(node.getLayoutBounds()));
                    }
                }
            }
            found.sort(Comparator.comparingDouble(Bounds::getMinY));
            return found;
        });
    }

    private static boolean shown(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void toastsStackWithoutOverlapAndClicksBesideThemReachTheWindow(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> app.shell().main().chat().conversationProperty().get() != null);
        assertThat(Forms.onFx(() -> app.stage().isFocused())).as("the window has focus: toasts, not the desktop").isTrue();
        long carolId = Forms.onFx(() -> app.shell().main().tree().selfIdProperty().get());

        // A DM while the lobby is open (the window's own card), then two notifications right after.
        Clients.await(bob.sendMessage(Conversation.direct(carolId), "psst", null).delivered());
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#in-app-toast").query().isVisible()));
        // These two stay ten minutes (the usual 5 s could run out on a loaded machine before the clicks below).
        robot.interact(() -> {
            Toast.show(app.stage(), "bob mentioned you", "@carol are you there?", javafx.util.Duration.minutes(10));
            Toast.show(app.stage(), "Friend request", "dave wants to be your friend.", javafx.util.Duration.minutes(10));
        });
        WaitForAsyncUtils.waitForFxEvents();

        List<Bounds> toasts = toastsOnScreen();
        robot.interact(() -> Screens.snapshot(app.stage().getScene(), "toasts-stacked"));
        assertThat(toasts).as("three toasts on screen").hasSize(3);
        for (int i = 0; i < toasts.size(); i++) {
            for (int j = i + 1; j < toasts.size(); j++) {
                assertThat(toasts.get(i).intersects(toasts.get(j))).as("toast " + i + " overlaps toast " + j + ": "
                        + toasts.get(i) + " / " + toasts.get(j)).isFalse();
            }
        }

        // A click on the window while toasts show reaches what it was meant for and leaves the toasts alone.
        robot.interact(() -> robot.lookup("#channel-tree").query().requestFocus());
        robot.clickOn("#chat-input");
        assertThat(Forms.onFx(() -> app.stage().getScene().getFocusOwner().getId())).as("the click reached the message box")
                .isEqualTo("chat-input");
        // (The DM card may have timed out by now; the two long ones must still be there.)
        assertThat(toastsOnScreen()).as("a click elsewhere does not dismiss toasts").hasSizeGreaterThanOrEqualTo(2);

        // A click in the gap between two toasts lands on the chat under them, not on the toasts' layer.
        AtomicReference<Node> picked = new AtomicReference<>();
        robot.interact(() -> app.stage().getScene().addEventFilter(MouseEvent.MOUSE_PRESSED,
                event -> picked.set(event.getPickResult().getIntersectedNode())));
        List<Bounds> now = toastsOnScreen();
        Bounds upper = now.get(now.size() - 2);
        Bounds lower = now.get(now.size() - 1);
        Point2D gap = new Point2D((lower.getMinX() + lower.getMaxX()) / 2, (upper.getMaxY() + lower.getMinY()) / 2);
        robot.clickOn(gap);
        await().atMost(WAIT).until(() -> picked.get() != null);
        assertThat(Forms.onFx(() -> {
            for (Node at = picked.get(); at != null; at = at.getParent()) {
                if ("toast-stack".equals(at.getId())) {
                    return "the toast layer";
                }
            }
            return "under the toasts";
        })).isEqualTo("under the toasts");
        assertThat(toastsOnScreen()).hasSizeGreaterThanOrEqualTo(2);
    }
}
