package dev.parley.client.ui.admin;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.room.ChannelNode;
import dev.parley.client.ui.room.UserNode;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.RoomAdmin;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.AuditEntry;
import dev.parley.protocol.control.model.BanInfo;
import dev.parley.protocol.control.model.Registration;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.PermissionState;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * Running a room from the app, against a real room: the header's "Room admin" window, the user and
 * channel menus, and deleting others' messages, each seen from the other side by a second client.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RoomAdminUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;

    // ---- set-up and helpers -----------------------------------------------------------------------

    /** A room where the app's user (ann) registered first and so is its admin. */
    private void annHostsAsAdmin(FxRobot robot) {
        room = app.startRoom();
        Forms.register(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#open-room-admin").query().isVisible()));
    }

    private ControlClient other(String name) throws Exception {
        ControlClient client = Clients.registered(room.port(), name);
        app.closeAfterWindow(client);
        return client;
    }

    private List<Users.StateChanged> statesOf(ControlClient client) {
        List<Users.StateChanged> states = new CopyOnWriteArrayList<>();
        client.on(Users.StateChanged.class, states::add);
        return states;
    }

    private TreeView<Object> tree(FxRobot robot) {
        return robot.lookup("#channel-tree").query();
    }

    /** Focuses the tree on the first row {@code row} accepts and opens its menu with Shift+F10. */
    private ContextMenu menuOfRow(FxRobot robot, Predicate<Object> row) {
        robot.interact(() -> {
            TreeView<Object> tree = tree(robot);
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
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        return await().atMost(WAIT).until(RoomAdminUiTest::showingMenu, Objects::nonNull);
    }

    private static ContextMenu showingMenu() {
        return Window.getWindows().stream().filter(window -> window instanceof ContextMenu && window.isShowing())
                .map(ContextMenu.class::cast).findFirst().orElse(null);
    }

    private static List<String> itemIds(ContextMenu menu) {
        return Forms.onFx(() -> menu.getItems().stream().map(MenuItem::getId).filter(Objects::nonNull).toList());
    }

    private static Predicate<Object> user(String name) {
        return value -> value instanceof UserNode user && user.name().equals(name);
    }

    private static Predicate<Object> channel(String name) {
        return value -> value instanceof ChannelNode channel && channel.channel().name().equals(name);
    }

    /** Opens the window with the header button, then the tab by its header (a tab header carries the tab's id). */
    private void openAdminTab(FxRobot robot, String tabId) {
        robot.clickOn("#open-room-admin");
        await().atMost(WAIT).until(() -> robot.lookup(tabId).tryQuery().isPresent());
        robot.clickOn(tabId);
    }

    private <T> List<T> rows(FxRobot robot, String tableId) {
        return Forms.onFx(() -> List.copyOf(robot.lookup(tableId).<TableView<T>>query().getItems()));
    }

    private void selectRow(FxRobot robot, String tableId, Predicate<Object> row) {
        await().atMost(WAIT).until(() -> rows(robot, tableId).stream().anyMatch(row));
        robot.interact(() -> {
            TableView<Object> table = robot.lookup(tableId).query();
            table.requestFocus();
            table.getItems().stream().filter(row).findFirst().ifPresent(item -> table.getSelectionModel().select(item));
        });
    }

    private String notice(FxRobot robot) {
        return Forms.onFx(() -> robot.lookup("#admin-notice").<Label>query().getText());
    }

    // ---- tests ------------------------------------------------------------------------------------

    @Test
    void promoteAndDemoteFromTheUserMenuChangeTheRoleOnAnotherClient(FxRobot robot) throws Exception {
        annHostsAsAdmin(robot);
        ControlClient bob = other("bob");
        List<Users.StateChanged> bobHears = statesOf(bob);
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isPresent());

        ContextMenu menu = menuOfRow(robot, user("bob"));
        assertThat(itemIds(menu)).contains("menu-promote", "menu-ban").doesNotContain("menu-demote");
        robot.clickOn("Promote to moderator");
        await().atMost(WAIT).until(() -> bobHears.stream().anyMatch(s -> s.user().user().name().equals("bob")
                && s.user().user().role() == Role.MODERATOR));
        // Done, said calmly: not in the red of a refusal.
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#tree-notice").<Label>query().getText())
                .equals("bob is now a moderator."));
        assertThat(Forms.onFx(() -> List.copyOf(robot.lookup("#tree-notice").query().getStyleClass())))
                .contains("success-text").doesNotContain("error-text");
        // A refusal told in the same place afterwards is red again.
        robot.interact(() -> app.shell().main().tree().noticeProperty().set("You may not do that here."));
        assertThat(Forms.onFx(() -> List.copyOf(robot.lookup("#tree-notice").query().getStyleClass())))
                .contains("error-text").doesNotContain("success-text");

        menu = menuOfRow(robot, user("bob"));
        assertThat(itemIds(menu)).contains("menu-demote").doesNotContain("menu-promote");
        robot.clickOn("Demote to member");
        await().atMost(WAIT).until(() -> bobHears.get(bobHears.size() - 1).user().user().role() == Role.MEMBER);
    }

    @Test
    void aBanRemovesAndListsTheUserAndLiftingItLetsThemBack(FxRobot robot) throws Exception {
        annHostsAsAdmin(robot);
        ControlClient bob = other("bob");
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isPresent());

        menuOfRow(robot, user("bob"));
        robot.clickOn("Ban…");
        await().atMost(WAIT).until(() -> robot.lookup("#ban-reason").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#ban-reason").<TextField>query().setText("spamming the lobby"));
        robot.clickOn("Ban");

        await().atMost(WAIT).until(() -> bob.status().state() == ConnectionState.DISCONNECTED);
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isEmpty());
        openAdminTab(robot, "#admin-tab-bans");
        selectRow(robot, "#admin-bans", row -> ((BanInfo) row).name().equals("bob"));
        assertThat(this.<BanInfo>rows(robot, "#admin-bans")).singleElement()
                .satisfies(ban -> assertThat(ban.reason()).isEqualTo("spamming the lobby"));
        try (ControlClient refused = Clients.client(room.port())) {
            assertThatThrownBy(() -> Clients.signIn(refused, new Credentials.Login("bob", Clients.PASSWORD)))
                    .hasRootCauseInstanceOf(RequestFailed.class);
        }

        robot.clickOn("#admin-lift-ban");
        await().atMost(WAIT).until(() -> rows(robot, "#admin-bans").isEmpty());
        assertThat(notice(robot)).isEqualTo("The ban on bob is lifted.");
        ControlClient back = Clients.client(room.port());
        app.closeAfterWindow(back);
        assertThat(Clients.signIn(back, new Credentials.Login("bob", Clients.PASSWORD)).self().name()).isEqualTo("bob");
    }

    @Test
    void approvingAPendingAccountLetsItIn(FxRobot robot) throws Exception {
        annHostsAsAdmin(robot);
        openAdminTab(robot, "#admin-tab-settings");
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#admin-registration")
                .<ComboBox<Registration>>query().getValue() == Registration.OPEN));
        robot.interact(() -> robot.lookup("#admin-registration").<ComboBox<Registration>>query().setValue(Registration.APPROVAL));
        robot.clickOn("#admin-save-settings");
        await().atMost(WAIT).until(() -> notice(robot).equals("Room settings saved."));

        try (ControlClient eve = Clients.client(room.port())) {
            // The room answers auth.pending, not auth.ok: eve is not signed in, and is told why.
            assertThatThrownBy(() -> Clients.signIn(eve, new Credentials.Register("eve", Clients.PASSWORD, null)))
                    .rootCause().isInstanceOfSatisfying(RequestFailed.class, failed -> {
                        assertThat(failed.code()).isEqualTo(ErrorCode.ACCOUNT_PENDING);
                        assertThat(failed.getMessage()).contains("approval");
                    });
        }
        try (ControlClient early = Clients.client(room.port())) {
            assertThatThrownBy(() -> Clients.signIn(early, new Credentials.Login("eve", Clients.PASSWORD)))
                    .rootCause().isInstanceOfSatisfying(RequestFailed.class,
                            failed -> assertThat(failed.code()).isEqualTo(ErrorCode.ACCOUNT_PENDING));
        }

        robot.clickOn("#admin-tab-approvals");
        selectRow(robot, "#admin-pending", row -> ((dev.parley.protocol.control.message.Accounts.PendingAccount) row)
                .username().equals("eve"));
        robot.clickOn("#admin-approve");
        await().atMost(WAIT).until(() -> rows(robot, "#admin-pending").isEmpty());
        assertThat(notice(robot)).isEqualTo("eve may sign in now.");
        ControlClient eve = Clients.client(room.port());
        app.closeAfterWindow(eve);
        assertThat(Clients.signIn(eve, new Credentials.Login("eve", Clients.PASSWORD)).self().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void theAuditLogShowsWhatWasDoneFromTheMembersTab(FxRobot robot) throws Exception {
        annHostsAsAdmin(robot);
        ControlClient bob = other("bob");
        List<Users.StateChanged> bobHears = statesOf(bob);
        other("cid");

        openAdminTab(robot, "#admin-tab-members");
        selectRow(robot, "#admin-members", row -> ((dev.parley.protocol.control.model.UserState) row).user().name().equals("bob"));
        robot.clickOn("#admin-make-moderator");
        await().atMost(WAIT).until(() -> bobHears.stream().anyMatch(s -> s.user().user().role() == Role.MODERATOR));
        selectRow(robot, "#admin-members", row -> ((dev.parley.protocol.control.model.UserState) row).user().name().equals("cid"));
        robot.clickOn("#admin-kick");
        await().atMost(WAIT).until(() -> robot.lookup("#admin-reason").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#admin-reason").<TextField>query().setText("too loud"));
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> notice(robot).equals("cid was kicked."));

        robot.clickOn("#admin-tab-audit");
        await().atMost(WAIT).until(() -> this.<AuditEntry>rows(robot, "#admin-audit").size() >= 2);
        List<AuditEntry> entries = rows(robot, "#admin-audit");
        assertThat(entries).extracting(AuditEntry::action).containsSubsequence("kick", "role");
        assertThat(entries).filteredOn(e -> e.action().equals("role")).singleElement()
                .satisfies(e -> assertThat(AuditTab.details(e)).isEqualTo("member -> moderator"));
        assertThat(entries).filteredOn(e -> e.action().equals("kick")).singleElement()
                .satisfies(e -> assertThat(AuditTab.details(e)).startsWith("\"too loud\""));
        // For a person to look at after the run: the window as an admin sees it.
        javafx.scene.Scene adminScene = robot.lookup("#room-admin").query().getScene();
        robot.interact(() -> {
            dev.parley.client.ui.support.Screens.snapshot(adminScene, "room-admin-audit");
            dev.parley.client.ui.support.Screens.assertFullyVisible(adminScene, "#admin-audit");
            dev.parley.client.ui.support.Screens.assertFullyVisible(adminScene, "#admin-notice");
        });
    }

    @Test
    void aRoomNameChangeShowsOnTheOtherClient(FxRobot robot) throws Exception {
        annHostsAsAdmin(robot);
        ControlClient bob = other("bob");
        List<RoomAdmin.Updated> bobHears = new CopyOnWriteArrayList<>();
        bob.on(RoomAdmin.Updated.class, bobHears::add);

        openAdminTab(robot, "#admin-tab-settings");
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#admin-room-name").<TextField>query().getText())
                .equals("Parley room"));
        robot.interact(() -> robot.lookup("#admin-room-name").<TextField>query().setText("Friday games"));
        robot.clickOn("#admin-save-settings");
        await().atMost(WAIT).until(() -> notice(robot).equals("Room settings saved."));
        javafx.scene.Scene adminScene = robot.lookup("#room-admin").query().getScene();
        robot.interact(() -> {
            dev.parley.client.ui.support.Screens.snapshot(adminScene, "room-admin-settings");
            dev.parley.client.ui.support.Screens.assertFullyVisible(adminScene, "#admin-registration");
        });

        await().atMost(WAIT).until(() -> bobHears.stream().anyMatch(e -> e.name().equals("Friday games")));
        await().atMost(WAIT).until(() -> Forms.onFx(() -> app.shell().main().titleProperty().get()).equals("Parley — Friday games"));
    }

    @Test
    void aMemberNeverSeesTheAdminEntryPointsButSeesTheNewRoomName(FxRobot robot) throws Exception {
        room = app.startRoom();
        ControlClient root = other("root");
        Clients.await(root.request(new Chat.Send(1L, null, "welcome", "n-welcome", null), Chat.Sent.class));
        Forms.register(robot, room.port(), "carol");
        await().atMost(WAIT).until(() -> robot.lookup("#user-root").tryQuery().isPresent());
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#chat-list").<ListView<?>>query().getItems())
                .stream().anyMatch(line -> line.toString().contains("welcome")));

        Node adminButton = robot.lookup("#open-room-admin").query();
        assertThat(Forms.onFx(() -> adminButton.isVisible() || adminButton.isManaged())).isFalse();
        assertThat(itemIds(menuOfRow(robot, user("root")))).doesNotContain("menu-promote", "menu-demote", "menu-ban");
        robot.type(KeyCode.ESCAPE);
        assertThat(itemIds(menuOfRow(robot, channel("Lobby")))).doesNotContain("menu-permissions");
        robot.type(KeyCode.ESCAPE);
        assertThat(chatMenuIds(robot)).as("menus of others' messages").isNotEmpty().doesNotContain("chat-delete-other");

        Clients.await(root.request(new RoomAdmin.Update("Renamed by root", null, null, null), RoomAdmin.Info.class));
        await().atMost(WAIT).until(() -> Forms.onFx(() -> app.shell().main().titleProperty().get()).equals("Parley — Renamed by root"));
        assertThat(Forms.onFx(adminButton::isVisible)).isFalse();

        // Promoted while the window is open: the entry points appear without signing in again.
        long carolId = Forms.onFx(() -> app.shell().main().tree().selfIdProperty().get());
        Clients.await(root.requestOk(new Users.SetRole(carolId, Role.MODERATOR)));
        await().atMost(WAIT).until(() -> Forms.onFx(adminButton::isVisible));
        await().atMost(WAIT).until(() -> chatMenuIds(robot).contains("chat-delete-other"));
    }

    /** The entries of the chat lines' menus: ids where they have one, else their text. */
    private List<String> chatMenuIds(FxRobot robot) {
        return Forms.onFx(() -> robot.lookup("#chat-list .list-cell").queryAll().stream()
                .map(node -> ((javafx.scene.control.ListCell<?>) node).getContextMenu()).filter(Objects::nonNull)
                .flatMap(menu -> menu.getItems().stream())
                .map(item -> item.getId() != null ? item.getId() : item.getText()).toList());
    }

    @Test
    void channelPermissionsFromTheChannelMenuApplyToOthers(FxRobot robot) throws Exception {
        annHostsAsAdmin(robot);
        ControlClient visitor = Clients.client(room.port());
        app.closeAfterWindow(visitor);
        Clients.signIn(visitor, new Credentials.Guest("visitor", null));
        Clients.await(visitor.request(new Chat.Send(1L, null, "hello", "v-1", null), Chat.Sent.class));
        await().atMost(WAIT).until(() -> robot.lookup("#user-visitor").tryQuery().isPresent());

        assertThat(itemIds(menuOfRow(robot, channel("Lobby")))).contains("menu-permissions");
        robot.clickOn("Permissions…");
        await().atMost(WAIT).until(() -> robot.lookup("#perm-guest-write").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#perm-guest-write").<ComboBox<Object>>query()
                .setValue(ChannelPermissionsDialog.Choice.DENY));
        robot.clickOn("Apply");

        await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> Clients.await(
                visitor.request(new Chat.Send(1L, null, "still here?", "v-" + System.nanoTime(), null), Chat.Sent.class)))
                .rootCause().isInstanceOfSatisfying(RequestFailed.class,
                        failed -> assertThat(failed.code()).isEqualTo(ErrorCode.FORBIDDEN)));
    }

    @Test
    void thePermissionsEditorOpensWithWhatIsInForceAndSendsOnlyWhatChanged(FxRobot robot) throws Exception {
        annHostsAsAdmin(robot);
        ControlClient ann = Forms.onFx(() -> app.shell().main().session().client());
        long games = Clients.await(ann.request(new Channels.Create(null, "Games", null, null, null), Channels.Created.class))
                .channel().id();
        Clients.await(ann.requestOk(new Channels.SetPermission(1L, Role.GUEST, Permission.WRITE, false)));
        Clients.await(ann.requestOk(new Channels.SetPermission(games, Role.MEMBER, Permission.SPEAK, false)));
        await().atMost(WAIT).until(() -> Forms.onFx(() -> tree(robot).getExpandedItemCount() > 0
                && java.util.stream.IntStream.range(0, tree(robot).getExpandedItemCount())
                        .anyMatch(i -> channel("Games").test(tree(robot).getTreeItem(i).getValue()))));

        // Before: every cell said "No change", whatever was set.
        assertThat(itemIds(menuOfRow(robot, channel("Games")))).contains("menu-permissions");
        robot.clickOn("Permissions…");
        await().atMost(WAIT).until(() -> robot.lookup("#perm-member-speak-now").tryQuery().isPresent());
        assertThat(Forms.onFx(() -> robot.lookup("#perm-member-speak").<ComboBox<Object>>query().getValue()))
                .isEqualTo(ChannelPermissionsDialog.Choice.DENY);
        assertThat(Forms.onFx(() -> robot.lookup("#perm-member-speak-now").<Label>query().getText()))
                .isEqualTo("✗ denied · set here");
        assertThat(Forms.onFx(() -> robot.lookup("#perm-guest-write").<ComboBox<Object>>query().getValue()))
                .isEqualTo(ChannelPermissionsDialog.Choice.INHERIT);
        assertThat(Forms.onFx(() -> robot.lookup("#perm-guest-write-now").<Label>query().getText()))
                .isEqualTo("✗ denied · from #Lobby");
        assertThat(Forms.onFx(() -> robot.lookup("#perm-moderator-kick-now").<Label>query().getText()))
                .isEqualTo("✓ allowed · default");

        // Back to the parent for member speak, allow guests to write here; nothing else is sent.
        robot.interact(() -> {
            robot.lookup("#perm-member-speak").<ComboBox<Object>>query().setValue(ChannelPermissionsDialog.Choice.INHERIT);
            robot.lookup("#perm-guest-write").<ComboBox<Object>>query().setValue(ChannelPermissionsDialog.Choice.ALLOW);
        });
        robot.clickOn("Apply");

        await().atMost(WAIT).untilAsserted(() -> {
            List<PermissionState> now = Clients.await(ann.request(new Channels.ListPermissions(games),
                    Channels.Permissions.class)).permissions();
            assertThat(now).contains(new PermissionState(Role.MEMBER, Permission.SPEAK, true, null),
                    new PermissionState(Role.GUEST, Permission.WRITE, true, games));
            assertThat(now.stream().filter(state -> state.setIn() != null && state.setIn() == games)).hasSize(1);
        });
    }

    @Test
    void anAdminDeletesSomeoneElsesMessageFromTheChatAfterConfirming(FxRobot robot) throws Exception {
        annHostsAsAdmin(robot);
        ControlClient bob = other("bob");
        List<Chat.Deleted> bobHears = new CopyOnWriteArrayList<>();
        bob.on(Chat.Deleted.class, bobHears::add);
        long rude = Clients.await(bob.request(new Chat.Send(1L, null, "rude words", "b-1", null), Chat.Sent.class))
                .message().id();
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#chat-list").<ListView<?>>query().getItems())
                .stream().anyMatch(line -> line.toString().contains("rude words")));

        // Cancel first: the question names whose words go, and nothing is deleted.
        openMenuOfChatLine(robot, "rude words");
        robot.clickOn("Delete (as moderator)");
        await().atMost(WAIT).until(() -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        javafx.scene.control.DialogPane question = robot.lookup("#confirm-dialog").query();
        assertThat(Forms.onFx(question::getHeaderText)).isEqualTo("Delete bob's message?");
        assertThat(Forms.onFx(question::getContentText)).contains("rude words").contains("everyone");
        // Drawn whole, not cut to "…" (JavaFX dialogs on Linux keep a one-line height unless told otherwise).
        assertThat(Forms.onFx(() -> question.lookupAll(".content .text").stream()
                .map(text -> ((javafx.scene.text.Text) text).getText()).toList()))
                .as("the words drawn in the question").containsExactly(Forms.onFx(question::getContentText));
        robot.clickOn("#confirm-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        // The room handles ann's requests in order: had Cancel sent a delete, bob would hear it before this post.
        List<Chat.Posted> bobReads = new CopyOnWriteArrayList<>();
        bob.on(Chat.Posted.class, bobReads::add);
        ControlClient ann = Forms.onFx(() -> app.shell().main().session().client());
        Clients.await(ann.request(new Chat.Send(1L, null, "after cancel", "a-1", null), Chat.Sent.class));
        await().atMost(WAIT).until(() -> bobReads.stream().anyMatch(posted -> posted.message().text().equals("after cancel")));
        assertThat(bobHears).as("cancel deletes nothing").isEmpty();

        openMenuOfChatLine(robot, "rude words");
        robot.clickOn("Delete (as moderator)");
        await().atMost(WAIT).until(() -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        robot.clickOn("#confirm-ok");

        await().atMost(WAIT).until(() -> bobHears.stream().anyMatch(deleted -> deleted.messageId() == rude));
    }

    /** Focuses the chat line showing {@code text} and opens its menu with Shift+F10. */
    private void openMenuOfChatLine(FxRobot robot, String text) {
        robot.interact(() -> {
            ListView<Object> list = robot.lookup("#chat-list").query();
            list.requestFocus();
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).toString().contains(text)) {
                    list.getSelectionModel().clearAndSelect(i);
                    list.getFocusModel().focus(i);
                }
            }
        });
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        ContextMenu menu = await().atMost(WAIT).until(RoomAdminUiTest::showingMenu, Objects::nonNull);
        assertThat(itemIds(menu)).contains("chat-delete-other");
    }

    @Test
    void registeringInARoomThatApprovesAccountsSaysSoOnTheConnectScreen(FxRobot robot) throws Exception {
        room = app.startRoom();
        ControlClient root = other("root");
        Clients.await(root.request(new RoomAdmin.Update(null, null, null, Registration.APPROVAL), RoomAdmin.Info.class));

        robot.interact(() -> {
            robot.lookup("#connect-host").<TextField>query().setText("127.0.0.1");
            robot.lookup("#connect-port").<TextField>query().setText(Integer.toString(room.port()));
            robot.lookup("#connect-mode").<javafx.scene.control.ChoiceBox<Object>>query()
                    .setValue(dev.parley.client.ui.connect.SignInMode.REGISTER);
            robot.lookup("#connect-username").<TextField>query().setText("eve");
            robot.lookup("#connect-password").<TextField>query().setText(Clients.PASSWORD);
        });
        robot.clickOn("#connect-join");

        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#connect-error").<Label>query().getText())
                .contains("waits for an admin's approval"));
        assertThat(robot.lookup("#channel-tree").tryQuery()).isEmpty();
    }
}
