package dev.parley.client.ui.notify;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.app.MainViewModel;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.NotifyLevel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Notification settings in the real window against a real room: "Notifications ▸ Nothing" from a
 * channel's menu silences it (no toast, its unread count dimmed) while another channel still notifies;
 * "Mute ▸ 15 min" puts the muted mark on the row.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NotificationSettingsUiTest {
    private static final long LOBBY = 1;

    @RegisterExtension
    final AppWindow app = new AppWindow();

    @Test
    void nothingFromTheMenuSilencesThatChannelButNotAnother(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        ChannelInfo games = Clients.await(bob.request(new Channels.Create(null, "Games", null, null, null),
                Channels.Created.class)).channel();
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> robot.lookup("#channel-" + games.id()).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        MainViewModel main = app.shell().main();

        ContextMenu menu = menuOf(robot, games.id());
        RadioMenuItem nothing = (RadioMenuItem) item(menu, "notify-menu", "notify-nothing");
        assertThat(Forms.onFx(() -> ((RadioMenuItem) item(menu, "notify-menu", "notify-mentions")).isSelected()))
                .as("a channel notifies on mentions unless told otherwise").isTrue();
        robot.interact(() -> {
            nothing.fire();
            menu.hide();
        });
        // Stored in the room: the settings the app holds are the room's answer.
        await().atMost(WAIT).until(() -> Forms.onFx(() -> main.notifications().settingsProperty().get()
                .ownLevel(Conversation.channel(games.id())).orElse(null)) == NotifyLevel.NOTHING);
        ContextMenu again = menuOf(robot, games.id());
        assertThat(Forms.onFx(() -> ((RadioMenuItem) item(again, "notify-menu", "notify-nothing")).isSelected())).isTrue();
        robot.interact(again::hide);

        // Carol looks at another program: notifications now go to the desktop (here: the toast).
        robot.interact(() -> {
            main.windowFocusedProperty().unbind();
            main.windowFocusedProperty().set(false);
        });
        List<String> toasts = recordToasts(robot);

        Clients.await(bob.sendMessage(Conversation.channel(games.id()), "@carol games news", null).delivered());
        await().atMost(WAIT).until(() -> robot.lookup("#unread-" + games.id()).tryQuery()
                .map(badge -> badge.getStyleClass().contains("unread-badge-quiet")).orElse(false));
        Clients.await(bob.sendMessage(Conversation.channel(LOBBY), "@carol lobby news", null).delivered());

        await().atMost(WAIT).until(() -> toasts.stream().anyMatch(text -> text.contains("lobby news")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(toasts).noneMatch(text -> text.contains("games news"));

        // Mute the lobby for 15 minutes: the row shows it.
        ContextMenu lobbyMenu = menuOf(robot, LOBBY);
        MenuItem quarter = item(lobbyMenu, "mute-menu", "mute-15m");
        robot.interact(() -> {
            quarter.fire();
            lobbyMenu.hide();
        });
        await().atMost(WAIT).until(() -> robot.lookup("#muted-channel-" + LOBBY).tryQuery().isPresent());
        assertThat(Forms.onFx(() -> main.notifications().muted(Conversation.channel(LOBBY)))).isTrue();
    }

    /** Selects the channel's row and opens its menu from the keyboard (Shift+F10), as RoomAdminUiTest does. */
    private static ContextMenu menuOf(FxRobot robot, long channelId) {
        robot.interact(() -> {
            javafx.scene.control.TreeView<Object> tree = robot.lookup("#channel-tree").query();
            for (int i = 0; i < tree.getExpandedItemCount(); i++) {
                if (tree.getTreeItem(i).getValue() instanceof dev.parley.client.ui.room.ChannelNode channel
                        && channel.id() == channelId) {
                    tree.getSelectionModel().clearAndSelect(i);
                    tree.getFocusModel().focus(i);
                    tree.requestFocus();
                    return;
                }
            }
            throw new AssertionError("no row for channel " + channelId);
        });
        robot.press(javafx.scene.input.KeyCode.SHIFT).press(javafx.scene.input.KeyCode.F10)
                .release(javafx.scene.input.KeyCode.F10).release(javafx.scene.input.KeyCode.SHIFT);
        return await().atMost(WAIT).until(() -> Forms.onFx(() -> Window.getWindows().stream()
                .filter(window -> window instanceof ContextMenu && window.isShowing())
                .map(ContextMenu.class::cast).findFirst().orElse(null)), Objects::nonNull);
    }

    private static MenuItem item(ContextMenu menu, String submenu, String id) {
        return Forms.onFx(() -> menu.getItems().stream().filter(item -> submenu.equals(item.getId()))
                .map(Menu.class::cast).findFirst().orElseThrow().getItems().stream()
                .filter(item -> id.equals(item.getId())).findFirst().orElseThrow());
    }

    /** The text of every toast shown from now on (they hide themselves, so each is noted as it opens). */
    private static List<String> recordToasts(FxRobot robot) {
        List<String> shown = new CopyOnWriteArrayList<>();
        // Toasts stack in the window's corner layer (issue 12); a window without one would use a popup.
        robot.interact(() -> robot.lookup("#toast-stack").<javafx.scene.layout.Pane>query().getChildren()
                .addListener((ListChangeListener<Node>) change -> {
                    while (change.next()) {
                        for (Node toast : change.getAddedSubList()) {
                            StringBuilder text = new StringBuilder();
                            collect(toast, text);
                            shown.add(text.toString());
                        }
                    }
                }));
        return shown;
    }

    private static void collect(Node node, StringBuilder text) {
        if (node instanceof Label label) {
            text.append(label.getText()).append('\n');
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, text));
        }
    }
}
