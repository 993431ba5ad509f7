package dev.parley.client.ui.friends;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.ClientEventLoop;
import dev.parley.client.core.friends.FriendBook;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.room.UserNode;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.protocol.control.model.Presence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Friends in the app against a real room, the other person being a second (core) client: a request
 * from the user menu accepted on the other side puts each in the other's list with presence; a
 * request from the other side raises a notification and a badge and can be declined; a sent request
 * can be cancelled; the privacy page changes what a non-friend may do, and a DM the other side's
 * privacy refuses is explained in the chat. One room for the class; each test its own accounts.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FriendsUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private static Path folder;
    private static TestRoom room;

    @BeforeAll
    static void startRoom() throws Exception {
        folder = Files.createTempDirectory("parley-friends-ui-");
        room = TestRoom.start(folder.resolve("room"));
    }

    @AfterAll
    static void stopRoom() {
        room.close();
    }

    /** The other person: a registered core client with its own friend book; closed after the window. */
    private record Other(ControlClient client, FriendBook book, long id) {
        FriendStatus statusOf(long userId) throws Exception {
            return Clients.onLoop(client.eventLoop(), () -> book.status(userId));
        }

        List<Friends.Entry> entries() throws Exception {
            return Clients.onLoop(client.eventLoop(), book::entries);
        }
    }

    private Other other(String name) throws Exception {
        ControlClient client = app.closeAfterWindow(Clients.client(room.port()));
        // A generous wait: registering hashes a password, slow on a loaded machine.
        long id = client.connect(new Credentials.Register(name, Clients.PASSWORD, null)).get(40, TimeUnit.SECONDS).self().id();
        FriendBook book = FriendBook.attach(client);
        ClientEventLoop loop = client.eventLoop();
        await().atMost(WAIT).until(() -> Clients.onLoop(loop, book::loaded));
        return new Other(client, book, id);
    }

    private long selfId() {
        return onFx(() -> app.shell().main().tree().selfIdProperty().get());
    }

    @Test
    void aRequestFromTheUserMenuAcceptedByTheOtherSideShowsEachInTheOthersListWithPresence(FxRobot robot) throws Exception {
        Forms.register(robot, room.port(), "ann1");
        Other bob = other("bob1");
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob1").tryQuery().isPresent());

        ContextMenu menu = menuOfUser(robot, "bob1");
        assertThat(itemTexts(menu)).contains("Add friend");
        robot.clickOn("Add friend");
        long annId = selfId();
        await().atMost(WAIT).until(() -> bob.statusOf(annId) == FriendStatus.INCOMING);
        await().atMost(WAIT).until(() -> robot.lookup("#friend-cancel-bob1").tryQuery().isPresent());
        assertThat(itemTexts(menuOfUser(robot, "bob1"))).contains("Request sent — cancel");
        closeMenus(robot);

        Clients.await(bob.book().accept(annId));
        await().atMost(WAIT).until(() -> labelText(robot, "#friend-presence-bob1").equals("online"));
        assertThat(labelText(robot, "#friends-notice")).isEqualTo("Friend request sent to bob1.");
        await().atMost(WAIT).until(() -> bob.statusOf(annId) == FriendStatus.FRIEND);
        assertThat(bob.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.user().user().name()).isEqualTo("ann1");
            assertThat(entry.user().presence()).isEqualTo(Presence.ONLINE);
        });
        assertThat(itemTexts(menuOfUser(robot, "bob1"))).contains("Unfriend").doesNotContain("Add friend");
        closeMenus(robot);

        // Their presence follows them: away, then offline when they leave.
        Clients.await(bob.client().request(new dev.parley.protocol.control.message.Session.SetPresence(Presence.AWAY),
                dev.parley.protocol.control.message.Ok.class));
        await().atMost(WAIT).until(() -> labelText(robot, "#friend-presence-bob1").equals("away"));

        // A double click on a friend opens our conversation.
        closeMenus(robot); // the "accepted" toast
        robot.doubleClickOn("#friend-bob1");
        await().atMost(WAIT).until(() -> Conversation.direct(bob.id()).equals(
                onFx(() -> app.shell().main().chat().conversationProperty().get())));

        bob.client().close();
        await().atMost(WAIT).until(() -> labelText(robot, "#friend-presence-bob1").equals("offline"));
    }

    @Test
    void anIncomingRequestRaisesANotificationAndABadgeAndCanBeDeclined(FxRobot robot) throws Exception {
        Forms.register(robot, room.port(), "ann2");
        Other cat = other("cat2");
        long annId = selfId();

        Clients.await(cat.book().request(annId));
        await().atMost(WAIT).until(() -> robot.lookup("#friend-decline-cat2").tryQuery().isPresent());
        assertThat(onFx(() -> robot.lookup("#friends-badge").<Label>query().isVisible())).isTrue();
        assertThat(labelText(robot, "#friends-badge")).isEqualTo("1");
        await().atMost(WAIT).until(() -> toastSays("cat2 wants to be your friend."));
        // The tree's menu offers the answer too.
        assertThat(itemTexts(menuOfUser(robot, "cat2"))).contains("Accept friend request", "Decline friend request");
        closeMenus(robot);

        robot.clickOn(robot.lookup("#friend-decline-cat2").<Node>query());
        await().atMost(WAIT).until(() -> cat.statusOf(annId) == FriendStatus.NONE);
        await().atMost(WAIT).until(() -> !onFx(() -> robot.lookup("#friends-badge").<Label>query().isVisible()));
        assertThat(onFx(() -> List.copyOf(robot.lookup("#friends-list").<ListView<?>>query().getItems()))).isEmpty();
        assertThat(labelText(robot, "#friends-notice")).isEqualTo("Declined cat2's friend request.");
    }

    @Test
    void aSentRequestCanBeCancelled(FxRobot robot) throws Exception {
        Forms.register(robot, room.port(), "ann3");
        Other dan = other("dan3");
        long annId = selfId();
        await().atMost(WAIT).until(() -> robot.lookup("#user-dan3").tryQuery().isPresent());

        menuOfUser(robot, "dan3");
        robot.clickOn("Add friend");
        await().atMost(WAIT).until(() -> dan.statusOf(annId) == FriendStatus.INCOMING);
        await().atMost(WAIT).until(() -> robot.lookup("#friend-cancel-dan3").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#friend-cancel-dan3").<Node>query()); // queried once: the list redraws meanwhile
        await().atMost(WAIT).until(() -> dan.statusOf(annId) == FriendStatus.NONE);
        await().atMost(WAIT).until(() -> robot.lookup("#friend-row-dan3").tryQuery().isEmpty());
        assertThat(labelText(robot, "#friends-notice")).isEqualTo("Friend request to dan3 taken back.");
    }

    @Test
    void privacyOptionsChangeWhatANonFriendMayDoAndARefusedMessageIsExplained(FxRobot robot) throws Exception {
        Forms.register(robot, room.port(), "ann4");
        Other eve = other("eve4");
        long annId = selfId();

        // My option, from the Settings dialog: eve (not a friend) may no longer write to me.
        robot.clickOn("#open-settings");
        await().atMost(WAIT).until(() -> robot.lookup("#settings-tab-privacy").tryQuery().isPresent());
        robot.clickOn("Privacy");
        await().atMost(WAIT).until(() -> !onFx(() -> robot.lookup("#privacy-dm-friends-only").<CheckBox>query().isDisabled()));
        assertThat(onFx(() -> robot.lookup("#privacy-dm-friends-only").<CheckBox>query().isSelected())).isFalse();
        robot.clickOn("#privacy-dm-friends-only");
        await().atMost(WAIT).until(() -> labelText(robot, "#privacy-notice").equals("Saved in this room."));
        assertThat(Clients.await(eve.book().privacy())).isNotNull();
        assertThatThrownBy(() -> Clients.await(eve.client().sendMessage(Conversation.direct(annId), "hello?", null)
                .delivered())).rootCause().isInstanceOfSatisfying(RequestFailed.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FRIENDS_ONLY));
        robot.clickOn("Cancel");

        // Their option: my message to eve is refused, and the chat says why in words.
        Clients.await(eve.book().setPrivacy(true, null));
        await().atMost(WAIT).until(() -> robot.lookup("#user-eve4").tryQuery().isPresent());
        robot.interact(() -> app.shell().main().openDirect(eve.id()));
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("hi eve"));
        robot.clickOn("#chat-input").press(KeyCode.ENTER).release(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> labelText(robot, "#chat-notice").contains("eve4 accepts direct messages from friends only"));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static String labelText(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().map(node -> ((Label) node).getText()).orElse(""));
    }

    /** Focuses the tree on the user's row and opens its menu with Shift+F10. */
    private static ContextMenu menuOfUser(FxRobot robot, String name) {
        robot.interact(() -> {
            TreeView<Object> tree = robot.lookup("#channel-tree").query();
            tree.requestFocus();
            for (int i = 0; i < tree.getExpandedItemCount(); i++) {
                TreeItem<Object> item = tree.getTreeItem(i);
                if (item.getValue() instanceof UserNode user && user.name().equals(name)) {
                    tree.getSelectionModel().clearAndSelect(i);
                    tree.getFocusModel().focus(i);
                    return;
                }
            }
            throw new AssertionError("no row for " + name);
        });
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        return await().atMost(WAIT).until(FriendsUiTest::showingMenu, Objects::nonNull);
    }

    /**
     * Closes any open menu (as Escape would): a menu hides on a click outside it and swallows that click, so
     * the robot's next click would not reach the window. (Toasts no longer do: they stay in the window's corner.)
     */
    private static void closeMenus(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(javafx.stage.PopupWindow.class::isInstance)
                .forEach(Window::hide));
    }

    private static ContextMenu showingMenu() {
        return onFx(() -> Window.getWindows().stream().filter(window -> window instanceof ContextMenu && window.isShowing())
                .map(ContextMenu.class::cast).findFirst().orElse(null));
    }

    private static List<String> itemTexts(ContextMenu menu) {
        return onFx(() -> menu.getItems().stream().map(MenuItem::getText).filter(Objects::nonNull).toList());
    }

    /** Whether a toast (in the window's toast layer, as the notifier shows while the window has focus) carries this text. */
    private static boolean toastSays(String text) {
        return onFx(() -> Window.getWindows().stream().filter(window -> window.isShowing() && window.getScene() != null)
                .flatMap(window -> window.getScene().getRoot().lookupAll(".toast").stream())
                .anyMatch(node -> says(node, text)));
    }

    private static boolean says(Node node, String text) {
        if (node instanceof Label label && text.equals(label.getText())) {
            return true;
        }
        return node instanceof Parent parent && parent.getChildrenUnmodifiable().stream().anyMatch(child -> says(child, text));
    }
}
