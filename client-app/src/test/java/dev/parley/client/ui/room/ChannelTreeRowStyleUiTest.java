package dev.parley.client.ui.room;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Voice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.paint.Color;
import javafx.scene.shape.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tree's rows keep their looks while the tree rebuilds (someone mutes, talks, joins): seen on
 * GTK, the selected row drew a black circle and a black (unreadable) name for a frame or more, the
 * look of nodes CSS never styled (a Circle's and a Label's defaults). The check runs at the last
 * moment before each frame is drawn (after JavaFX's CSS and layout passes), so a row that would be
 * drawn unstyled is caught even if the next frame repairs it.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChannelTreeRowStyleUiTest {
    private static final int FLIPS = 4;

    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;
    private ControlClient bob;
    /** Rows that were about to be drawn unstyled; written on the UI thread, read after. */
    private final List<String> unstyled = Collections.synchronizedList(new ArrayList<>());

    @Test
    void theSelectedRowIsNeverDrawnUnstyledWhileTheTreeRebuilds(FxRobot robot) throws Exception {
        room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "alice");
        bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isPresent());
        TreeView<Object> tree = robot.lookup("#channel-tree").query();
        robot.interact(() -> {
            tree.requestFocus();
            tree.getSelectionModel().select(itemOf(tree.getRoot(), "bob"));
        });
        robot.interact(() -> app.stage().getScene().addPostLayoutPulseListener(() -> checkRows(tree)));

        for (int flip = 1; flip <= FLIPS; flip++) {
            boolean muted = flip % 2 == 1;
            Clients.await(bob.requestOk(new Voice.SetState(muted, false)));
            await().atMost(WAIT).until(() -> Forms.onFx(() -> rowShowsMute(tree, muted)));
            WaitForAsyncUtils.waitForFxEvents();
        }

        assertThat(Forms.onFx(() -> selectedName(tree))).as("the selection stays on bob").isEqualTo("bob");
        assertThat(unstyled).as("rows drawn without their CSS").isEmpty();
    }

    /** Any shape or text in a shown row still with JavaFX's unstyled default (black) means CSS never reached it. */
    private void checkRows(TreeView<Object> tree) {
        for (Node node : tree.lookupAll(".tree-cell")) {
            if (node instanceof TreeCell<?> cell && cell.isVisible() && !cell.isEmpty() && cell.getGraphic() != null) {
                List<String> black = new ArrayList<>();
                collectBlack(cell.getGraphic(), black);
                if (!black.isEmpty()) {
                    unstyled.add((cell.isSelected() ? "selected " : "") + "row " + cell.getItem() + ": " + black);
                }
            }
        }
    }

    private static void collectBlack(Node node, List<String> black) {
        if (node instanceof Labeled labeled && Color.BLACK.equals(labeled.getTextFill()) && !labeled.getText().isEmpty()) {
            black.add("text '" + labeled.getText() + "'");
        }
        if (node instanceof Shape shape && Color.BLACK.equals(shape.getFill())) {
            black.add(shape.getClass().getSimpleName() + " " + shape.getStyleClass());
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collectBlack(child, black));
        }
    }

    private static boolean rowShowsMute(TreeView<Object> tree, boolean muted) {
        TreeItem<Object> bob = itemOf(tree.getRoot(), "bob");
        return bob != null && ((UserNode) bob.getValue()).state().selfMuted() == muted
                && tree.lookupAll(".self-muted").isEmpty() != muted;
    }

    private static String selectedName(TreeView<Object> tree) {
        TreeItem<Object> selected = tree.getSelectionModel().getSelectedItem();
        return selected != null && selected.getValue() instanceof UserNode user ? user.name() : null;
    }

    private static TreeItem<Object> itemOf(TreeItem<Object> parent, String user) {
        for (TreeItem<Object> child : parent.getChildren()) {
            if (child.getValue() instanceof UserNode node && node.name().equals(user)) {
                return child;
            }
            TreeItem<Object> inner = itemOf(child, user);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }
}
