package dev.parley.client.ui.e2e;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.e2e.IdentityStore;
import dev.parley.client.core.e2e.KeyExchange;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.app.AppShell;
import dev.parley.client.ui.app.MainViewModel;
import dev.parley.client.ui.chat.ChatLine;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.room.ChannelNode;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.client.ui.support.UiRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.e2e.IdentityKeyPair;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Shared-key channels in the real window against a real room on loopback: ann (the room's admin) encrypts a
 * channel for bob through "Encrypt with shared key…"; bob's app reads her sealed words without any passphrase,
 * and once ann removes him, sees that he was not given the new key while her older words still open. The
 * dialog refuses to add someone without an identity key, shows each member's safety number (the same bob's side
 * computes), marks a compared one verified, and warns when the room later hands out another key for him.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedKeyChannelUiTest {
    private static final String SECRET = "the eagle lands at midnight";
    private static final String LATER = "the owl flies at dawn";
    private static final String SAFETY_NUMBER = "\\d{5}( \\d{5}){5}";

    @RegisterExtension
    final AppWindow app = new AppWindow();

    @TempDir
    Path temp;

    @Test
    void bobsAppReadsAChannelAnnSharedWithHimWithoutAPassphraseAndNothingNewOnceRemoved(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        Forms.register(robot, room.port(), "ann"); // the first account: the admin
        MainViewModel ann = app.shell().main();
        long council = createChannel(ann, "Council");
        AppShell bobsApp = openSecondApp(robot, room.port(), "bob");
        MainViewModel bob = bobsApp.main();
        long bobId = onFx(() -> bob.tree().selfIdProperty().get());
        awaitIdentityPublished(ann, bobId); // bob's app publishes it at sign-in, in the background

        openChannelMenu(robot, council);
        robot.clickOn("Encrypt with shared key…");
        chooseAndConfirm(robot, "bob");
        await().atMost(WAIT).until(() -> text(robot, "#e2e-members-status").contains("now has a shared key"));
        await().atMost(WAIT).until(() -> text(robot, "#e2e-member-state-" + bobId).equals("unverified"));

        onFx(() -> {
            bob.chat().conversationProperty().set(Conversation.channel(council));
            return null;
        });
        send(ann, council, SECRET);
        await().atMost(WAIT).until(() -> shownTexts(bob).contains(SECRET));
        assertThat(onFx(() -> bob.encryption().describe(council))).contains("Shared key").contains("2 members");
        assertThat(onFx(() -> bob.encryption().currentKey(council).map(key -> key.epoch())))
                .as("the key bob's voice seals and opens with in the channel").contains(1);

        robot.clickOn("#e2e-remove-" + bobId);
        await().atMost(WAIT).until(() -> text(robot, "#e2e-members-status").contains("bob removed"));
        await().atMost(WAIT).until(() -> onFx(() -> ann.encryption().encryptedChannel(council)
                .map(channel -> channel.e2e().epoch()).orElse(0)) == 2);
        send(ann, council, LATER);

        await().atMost(WAIT).until(() -> shownTexts(bob).contains(SealedChat.NOT_GIVEN));
        assertThat(shownTexts(bob)).as("what he was given still opens").contains(SECRET).doesNotContain(LATER);
        await().atMost(WAIT).until(() -> onFx(() -> bob.tree().noticeProperty().get()).contains(SharedMembers.NOT_GIVEN));
        assertThat(robot.lookup("#e2e-passphrase-dialog").tryQuery()).as("no passphrase is ever asked for").isEmpty();
    }

    @Test
    void theDialogNamesWhoHasNoKeyShowsBobsSafetyNumberMarksHimVerifiedAndWarnsWhenHisKeyChanges(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        Forms.register(robot, room.port(), "ann");
        MainViewModel ann = app.shell().main();
        long annId = onFx(() -> ann.tree().selfIdProperty().get());
        long council = createChannel(ann, "Council");
        ControlClient bob = app.closeAfterWindow(Clients.client(room.port()));
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();

        openChannelMenu(robot, council);
        robot.clickOn("Encrypt with shared key…");
        chooseAndConfirm(robot, "bob"); // bob has not published an identity key yet
        await().atMost(WAIT).until(() -> text(robot, "#e2e-members-status").startsWith("bob has no identity key yet"));
        assertThat(text(robot, "#e2e-members-status")).contains("sign in once with the Parley app")
                .endsWith("Nothing was changed.");
        assertThat(onFx(() -> ann.encryption().isEncrypted(council))).isFalse();

        KeyExchange bobsDesktop = desktop(bob, bobId, "bob-desktop-1");
        Clients.await(bobsDesktop.publish());
        chooseAndConfirm(robot, "bob");
        await().atMost(WAIT).until(() -> text(robot, "#e2e-member-state-" + bobId).equals("unverified"));

        String annsKey = Clients.await(bobsDesktop.identities(List.of(annId))).get(annId);
        String shown = text(robot, "#e2e-safety-" + bobId);
        assertThat(shown).matches(SAFETY_NUMBER).isEqualTo(bobsDesktop.safetyNumber(annId, annsKey));
        onFx(() -> {
            ann.chat().conversationProperty().set(Conversation.channel(council));
            return null;
        });
        await().atMost(WAIT).until(() -> text(robot, "#chat-e2e-lock").equals("🔒 2 members · 1 unverified"));

        robot.clickOn("#e2e-verify-" + bobId);
        await().atMost(WAIT).until(() -> text(robot, "#e2e-member-state-" + bobId).equals("✓ verified"));
        await().atMost(WAIT).until(() -> text(robot, "#chat-e2e-lock").equals("🔒 2 members"));

        // bob signs in on a new desktop: the room now hands out another key for him.
        Clients.await(desktop(bob, bobId, "bob-desktop-2").publish());
        robot.interact(() -> robot.lookup("#e2e-members-dialog").query().getScene().getWindow().hide());
        openChannelMenu(robot, council);
        robot.clickOn("Members & keys…");
        await().atMost(WAIT).until(() -> text(robot, "#e2e-member-state-" + bobId).equals("⚠ key changed"));
        assertThat(onFx(() -> robot.lookup("#e2e-members").<VBox>query().getChildren().get(0)
                .lookup("#e2e-member-" + bobId))).as("listed first").isNotNull();
        assertThat(text(robot, "#e2e-safety-" + bobId)).matches(SAFETY_NUMBER).isNotEqualTo(shown);
        assertThat(robot.lookup("#e2e-verify-" + bobId).tryQuery()).isPresent();
        await().atMost(WAIT).until(() -> text(robot, "#chat-e2e-lock").equals("🔒 2 members · 1 key changed"));
    }

    private KeyExchange desktop(ControlClient client, long userId, String folder) throws Exception {
        IdentityKeyPair identity = new IdentityStore(temp.resolve(folder)).identity("room", "bob");
        return new KeyExchange(client, userId, identity);
    }

    private static long createChannel(MainViewModel owner, String name) throws Exception {
        return Clients.await(owner.session().client().request(new Channels.Create(null, name, null, null, null),
                Channels.Created.class)).channel().id();
    }

    /** Waits until the room hands out an identity key for {@code userId} (asked as {@code asker}, who reads only). */
    private static void awaitIdentityPublished(MainViewModel asker, long userId) throws Exception {
        long askerId = onFx(() -> asker.tree().selfIdProperty().get());
        KeyExchange reader = new KeyExchange(asker.session().client(), askerId, IdentityKeyPair.generate());
        await().atMost(WAIT).until(() -> Clients.await(reader.identities(List.of(userId))).containsKey(userId));
    }

    /** A second app in its own window and home folder, signed up as {@code name}; shut down after the test's window. */
    private AppShell openSecondApp(FxRobot robot, int port, String name) throws Exception {
        ExecutorService background = Executors.newFixedThreadPool(2);
        Stage stage = WaitForAsyncUtils.asyncFx(() -> new Stage()).get(10, TimeUnit.SECONDS);
        AppShell shell = WaitForAsyncUtils.asyncFx(() -> {
            AppShell made = new AppShell(stage, UiRoom.context(temp.resolve(name + "-home"), UiThread.fx(), background),
                    url -> { });
            stage.show();
            return made;
        }).get(30, TimeUnit.SECONDS);
        app.closeAfterWindow(() -> {
            WaitForAsyncUtils.asyncFx(() -> {
                shell.shutdown();
                stage.close();
            }).get(20, TimeUnit.SECONDS);
            background.shutdownNow();
        });
        Forms.register(robot, port, name); // only the new window shows the sign-in form
        await().atMost(WAIT).until(() -> onFx(() -> shell.main() != null && shell.main().tree().selfIdProperty().get() != 0));
        // Out of the way of the robot's clicks on ann's window and her menus.
        robot.interact(() -> stage.setX(stage.getX() + 2000));
        return shell;
    }

    /** Shows the tree menu of {@code channelId} in the test's (ann's) window. */
    private void openChannelMenu(FxRobot robot, long channelId) {
        Parent root = app.stage().getScene().getRoot();
        await().atMost(WAIT).until(() -> cellOf(robot, root, channelId) != null);
        robot.interact(() -> {
            TreeCell<?> cell = cellOf(robot, root, channelId);
            cell.getContextMenu().show(cell, Side.BOTTOM, 16, 0);
        });
    }

    private static TreeCell<?> cellOf(FxRobot robot, Parent root, long channelId) {
        return onFx(() -> robot.from(root).lookup(".tree-cell").queryAll().stream()
                .filter(node -> node instanceof TreeCell<?> cell && cell.getItem() instanceof ChannelNode channel
                        && channel.id() == channelId && cell.getContextMenu() != null)
                .map(node -> (TreeCell<?>) node).findFirst().orElse(null));
    }

    private static void chooseAndConfirm(FxRobot robot, String name) {
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#e2e-candidates").tryQuery()
                .map(list -> ((ListView<?>) list).getItems().stream().anyMatch(item -> item.toString().equals(name)))
                .orElse(false)));
        robot.interact(() -> {
            ListView<MembersAndKeys.Candidate> list = robot.lookup("#e2e-candidates").query();
            list.getItems().stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                    .ifPresent(candidate -> {
                        list.getSelectionModel().clearSelection();
                        list.getSelectionModel().select(candidate);
                    });
        });
        robot.clickOn("#e2e-add-selected");
    }

    private static void send(MainViewModel from, long channelId, String text) {
        onFx(() -> {
            from.chat().conversationProperty().set(Conversation.channel(channelId));
            from.chat().draftProperty().set(text);
            from.chat().sendDraft(null);
            return null;
        });
    }

    private static List<String> shownTexts(MainViewModel model) {
        return onFx(() -> model.chat().lines().stream().filter(ChatLine.Message.class::isInstance)
                .map(line -> ((ChatLine.Message) line).message().text()).toList());
    }

    private static String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().filter(Node::isVisible).map(node -> ((Label) node).getText())
                .orElse(""));
    }
}
