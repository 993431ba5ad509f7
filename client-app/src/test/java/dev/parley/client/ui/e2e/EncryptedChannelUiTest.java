package dev.parley.client.ui.e2e;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.chat.ChatLine;
import dev.parley.client.ui.room.ChannelNode;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedText;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * An end-to-end encrypted channel in the real window against a real room on loopback: an admin client encrypts
 * the Vault; ann (the app) enters it, is asked for the passphrase, sees the verification code, and writes; bob,
 * a real client with the same passphrase, reads her words from the room's history, where they are sealed; bob's
 * sealed reply reads as plaintext in the app. The admin then changes the key: ann is asked again, gives a wrong
 * passphrase, and bob's next message reads "Could not decrypt".
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EncryptedChannelUiTest {
    private static final String PASSPHRASE = "tulips in april";

    @RegisterExtension
    final AppWindow app = new AppWindow();

    @Test
    void annEntersThePassphraseWritesSealedAndReadsBobButNotWithAWrongOne(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient admin = app.closeAfterWindow(Clients.registered(room.port(), "admin")); // first account: admin
        long vault = Clients.await(admin.request(new Channels.Create(null, "Vault", null, null, null),
                Channels.Created.class)).channel().id();
        List<Channels.Updated> updates = new CopyOnWriteArrayList<>();
        app.closeAfterWindow(admin.on(Channels.Updated.class, updates::add));
        Clients.await(admin.requestOk(new Channels.Rekey(vault)));
        ChannelInfo epoch1 = await().atMost(WAIT).until(() -> encrypted(updates, 1), Optional::isPresent).get();
        ChannelKey key1 = ChannelKey.derive(vault, epoch1.e2e(), PASSPHRASE.toCharArray());

        ControlClient bob = app.closeAfterWindow(Clients.client(room.port()));
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
        Clients.await(bob.requestOk(new Channels.Join(vault, null)));

        Forms.register(robot, room.port(), "ann");
        long annId = onFx(() -> app.shell().main().tree().selfIdProperty().get());
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-lock-" + vault).tryQuery().isPresent());

        // Enter on the Vault's row: opens its chat and joins; one dialog asks for the passphrase.
        selectChannel(robot, vault);
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-passphrase").tryQuery().isPresent());
        await().atMost(WAIT).until(() -> onFx(() -> app.shell().main().tree().myChannelIdProperty().get()) == vault);
        robot.interact(() -> robot.lookup("#e2e-passphrase").<PasswordField>query().setText(PASSPHRASE));
        robot.clickOn("#e2e-unlock");
        await().atMost(WAIT).until(() -> text(robot, "#e2e-code")
                .equals("Compare this code with the others: " + key1.verificationCode()));
        robot.clickOn("#e2e-unlock"); // "Done"
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-passphrase-dialog").tryQuery().isEmpty());

        // The chat says where it is, and that files sent there are sealed.
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#chat-e2e-lock").query().isVisible()));
        assertThat(onFx(() -> robot.lookup("#chat-e2e-lock").<Label>query().getTooltip().getText()))
                .contains(EncryptionViewModel.MARK_TOOLTIP).contains(key1.verificationCode());
        assertThat(onFx(() -> robot.lookup("#attach-button").<Button>query().getTooltip().getText()))
                .contains("end-to-end encrypted");

        robot.clickOn("#chat-input");
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("the eagle lands at midnight"));
        robot.type(KeyCode.ENTER);

        // bob reads it with the same passphrase; the room stored it sealed.
        ChatMessage stored = await().atMost(WAIT).until(() -> history(bob, vault).stream()
                .filter(message -> message.authorId() == annId).findFirst(), Optional::isPresent).get();
        assertThat(stored.text()).startsWith(SealedText.PREFIX).doesNotContain("eagle");
        assertThat(SealedText.open(key1, annId, stored.text())).contains("the eagle lands at midnight");
        await().atMost(WAIT).until(() -> shownTexts().contains("the eagle lands at midnight"));

        // bob's sealed reply reads as plaintext in the app.
        Clients.await(bob.request(new Chat.Send(vault, null, SealedText.seal(key1, bobId, "roger that"), "b1", null),
                Chat.Sent.class));
        await().atMost(WAIT).until(() -> shownTexts().contains("roger that"));
        await().atMost(WAIT).until(() -> robot.lookup(".chat-text-run").queryAllAs(javafx.scene.text.Text.class).stream()
                .anyMatch(text -> onFx(text::getText).contains("roger that")));

        // A new key: ann, in the channel, is asked again; a wrong passphrase does not open bob's next message.
        Clients.await(admin.requestOk(new Channels.Rekey(vault)));
        ChannelInfo epoch2 = await().atMost(WAIT).until(() -> encrypted(updates, 2), Optional::isPresent).get();
        ChannelKey key2 = ChannelKey.derive(vault, epoch2.e2e(), "daffodils in march".toCharArray());
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-passphrase").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#e2e-passphrase").<PasswordField>query().setText("roses in may"));
        robot.clickOn("#e2e-unlock");
        await().atMost(WAIT).until(() -> text(robot, "#e2e-code").startsWith("Compare this code with the others: "));
        assertThat(text(robot, "#e2e-code")).doesNotContain(key2.verificationCode());
        robot.clickOn("#e2e-unlock");

        Clients.await(bob.request(new Chat.Send(vault, null, SealedText.seal(key2, bobId, "new key, new words"), "b2",
                null), Chat.Sent.class));
        await().atMost(WAIT).until(() -> shownTexts().contains(SealedChat.UNREADABLE));
        assertThat(shownTexts()).as("older messages still open with the older key")
                .contains("the eagle lands at midnight", "roger that").doesNotContain("new key, new words");
        await().atMost(WAIT).until(() -> robot.lookup(".sealed-placeholder").tryQuery().isPresent());
    }

    @Test
    void aMemberWithoutTheRightToManageIsToldWhyTheChannelWasNotEncrypted(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        app.closeAfterWindow(Clients.registered(room.port(), "admin")); // the first account is the admin, not ann
        Forms.register(robot, room.port(), "ann");
        long lobby = onFx(() -> app.shell().main().tree().myChannelIdProperty().get());

        selectChannel(robot, lobby);
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        await().atMost(WAIT).until(() -> robot.lookup("Encrypt end to end…").tryQuery().isPresent());
        robot.clickOn("Encrypt end to end…");
        await().atMost(WAIT).until(() -> robot.lookup("#confirm-ok").tryQuery().isPresent());
        assertThat(onFx(() -> robot.lookup("#confirm-dialog").<javafx.scene.control.DialogPane>query().getContentText()))
                .contains("enter a passphrase").contains("the room cannot read")
                .contains("plain history stays readable");
        robot.clickOn("#confirm-ok");

        await().atMost(WAIT).until(() -> text(robot, "#tree-notice").startsWith("Encryption not changed: "));
        assertThat(onFx(() -> robot.lookup("#e2e-lock-" + lobby).tryQuery().isPresent())).isFalse();
    }

    private static Optional<ChannelInfo> encrypted(List<Channels.Updated> updates, int epoch) {
        return updates.stream().map(Channels.Updated::channel)
                .filter(channel -> channel.endToEnd() && channel.e2e().epoch() == epoch).findFirst();
    }

    private static List<ChatMessage> history(ControlClient client, long channelId) throws Exception {
        return Clients.await(client.request(new Chat.History(channelId, null, null, 20), Chat.Page.class)).messages();
    }

    private List<String> shownTexts() {
        return onFx(() -> app.shell().main().chat().lines().stream()
                .filter(ChatLine.Message.class::isInstance).map(line -> ((ChatLine.Message) line).message().text())
                .toList());
    }

    private static String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().filter(Node::isVisible).map(node -> ((Label) node).getText())
                .orElse(""));
    }

    private static void selectChannel(FxRobot robot, long channelId) {
        robot.interact(() -> {
            TreeView<Object> tree = robot.lookup("#channel-tree").query();
            tree.requestFocus();
            for (int i = 0; i < tree.getExpandedItemCount(); i++) {
                TreeItem<Object> item = tree.getTreeItem(i);
                if (item != null && item.getValue() instanceof ChannelNode channel && channel.id() == channelId) {
                    tree.getSelectionModel().clearAndSelect(i);
                    tree.getFocusModel().focus(i);
                }
            }
        });
    }
}
