package dev.parley.client.ui.e2e;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.files.SealedTransfers;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.chat.ChatView;
import dev.parley.client.ui.files.FileDialogs;
import dev.parley.client.ui.room.ChannelNode;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedFile;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Files in an end-to-end encrypted channel in the real window against a real room: ann (the app) gives the
 * Vault's passphrase and attaches a file, which the room stores sealed and bob (a real client with the same
 * passphrase) opens to the original bytes; bob's sealed image shows in the app under its opened name, saves
 * as the original bytes and shows after opening; a file sealed under a passphrase ann does not hold reads as
 * a placeholder with nothing to save.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EncryptedFilesUiTest {
    private static final String PASSPHRASE = "tulips in april";

    @RegisterExtension
    final AppWindow app = new AppWindow();
    @TempDir
    Path temp;

    /** Answers the file dialogs as a person would have. */
    private static final class ScriptedDialogs implements FileDialogs {
        volatile List<Path> toSend = List.of();
        volatile Path saveTo;

        @Override
        public List<Path> chooseFilesToSend(Window owner) {
            return toSend;
        }

        @Override
        public Optional<Path> chooseSaveTarget(Window owner, String suggestedName) {
            return Optional.ofNullable(saveTo);
        }
    }

    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Test
    void annSendsASealedFileBobOpensItAndBobsSealedImageShowsSavesAndPreviewsInTheApp(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient admin = app.closeAfterWindow(Clients.registered(room.port(), "admin")); // first account: admin
        long vault = Clients.await(admin.request(new Channels.Create(null, "Vault", null, null, null),
                Channels.Created.class)).channel().id();
        List<Channels.Updated> updates = new CopyOnWriteArrayList<>();
        app.closeAfterWindow(admin.on(Channels.Updated.class, updates::add));
        Clients.await(admin.requestOk(new Channels.Rekey(vault)));
        ChannelInfo epoch1 = await().atMost(WAIT).until(() -> updates.stream().map(Channels.Updated::channel)
                .filter(ChannelInfo::endToEnd).findFirst(), Optional::isPresent).get();
        ChannelKey key = ChannelKey.derive(vault, epoch1.e2e(), PASSPHRASE.toCharArray());
        ControlClient bob = app.closeAfterWindow(Clients.client(room.port()));
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
        Clients.await(bob.requestOk(new Channels.Join(vault, null)));

        Forms.register(robot, room.port(), "ann");
        long annId = onFx(() -> app.shell().main().tree().selfIdProperty().get());
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-lock-" + vault).tryQuery().isPresent());
        robot.interact(() -> robot.lookup(".chat-view").<ChatView>query().useFileDialogs(dialogs));
        enterWithPassphrase(robot, vault);

        // ann attaches a file: it leaves sealed, and bob opens it to the original bytes.
        byte[] notes = "the treasure is buried under the third oak\n".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        dialogs.toSend = List.of(Files.write(temp.resolve("dig-site-notes.txt"), notes));
        robot.clickOn("#attach-button");
        ChatMessage annsFile = await().atMost(WAIT).until(() -> history(bob, vault).stream()
                .filter(message -> message.authorId() == annId && message.file() != null).findFirst(), Optional::isPresent)
                .get();
        assertThat(annsFile.file().name()).startsWith("e2e1.1.").doesNotContain("dig-site");
        Path bobsCopy = temp.resolve("bob").resolve("notes.txt");
        Files.createDirectories(bobsCopy.getParent());
        Clients.await(SealedTransfers.download(bob, key, annsFile, bobsCopy).result());
        assertThat(bobsCopy).hasBinaryContent(notes);
        await().atMost(WAIT).until(() -> label(robot, "#file-name-" + annsFile.id()).equals("dig-site-notes.txt"));

        // bob's sealed image: its opened name in the app, saved as the original bytes, shown after opening.
        Path picture = temp.resolve("map.png");
        ImageIO.write(new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB), "png", picture.toFile());
        ChatMessage bobsImage = Clients.await(SealedTransfers.upload(bob, key, bobId, picture, "island-map.png", null,
                temp.resolve("bob-scratch")).result());
        await().atMost(WAIT).until(() -> label(robot, "#file-name-" + bobsImage.id()).equals("island-map.png"));
        Path saved = temp.resolve("saved").resolve("map.png");
        Files.createDirectories(saved.getParent());
        dialogs.saveTo = saved;
        robot.interact(() -> robot.lookup("#file-save-" + bobsImage.id()).<Button>query().fire());
        await().atMost(WAIT).until(() -> Files.exists(saved));
        assertThat(saved).hasBinaryContent(Files.readAllBytes(picture));
        assertThat(saved.resolveSibling("map.png.sealed")).doesNotExist();
        assertThat(saved.resolveSibling("map.png.opening")).doesNotExist();
        robot.interact(() -> robot.lookup("#file-show-" + bobsImage.id()).<Button>query().fire());
        await().atMost(WAIT).until(() -> robot.lookup("#file-opened-image").tryQuery()
                .map(node -> ((ImageView) node).getImage()).filter(image -> image.getWidth() == 120).isPresent());

        // A file sealed under another passphrase: a placeholder, and nothing to save or open.
        ChannelKey other = ChannelKey.derive(vault, epoch1.e2e(), "roses in may".toCharArray());
        ChatMessage foreign = Clients.await(SealedTransfers.upload(bob, other, bobId, picture, "elsewhere.png", null,
                temp.resolve("bob-scratch")).result());
        await().atMost(WAIT).until(() -> label(robot, "#file-name-" + foreign.id()).equals(EncryptedFiles.UNREADABLE));
        assertThat(robot.lookup("#file-save-" + foreign.id()).tryQuery()).isEmpty();
        assertThat(SealedFile.openName(key, bobId, foreign.file().name())).isEmpty();
    }

    private void enterWithPassphrase(FxRobot robot, long vault) {
        robot.interact(() -> {
            TreeView<Object> tree = robot.lookup("#channel-tree").query();
            tree.requestFocus();
            for (int i = 0; i < tree.getExpandedItemCount(); i++) {
                TreeItem<Object> item = tree.getTreeItem(i);
                if (item != null && item.getValue() instanceof ChannelNode channel && channel.id() == vault) {
                    tree.getSelectionModel().clearAndSelect(i);
                    tree.getFocusModel().focus(i);
                }
            }
        });
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-passphrase").tryQuery().isPresent());
        await().atMost(WAIT).until(() -> onFx(() -> app.shell().main().tree().myChannelIdProperty().get()) == vault);
        robot.interact(() -> robot.lookup("#e2e-passphrase").<PasswordField>query().setText(PASSPHRASE));
        robot.clickOn("#e2e-unlock");
        await().atMost(WAIT).until(() -> !label(robot, "#e2e-code").isEmpty());
        robot.clickOn("#e2e-unlock"); // "Done"
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-passphrase-dialog").tryQuery().isEmpty());
    }

    private static List<ChatMessage> history(ControlClient client, long channelId) throws Exception {
        return Clients.await(client.request(new Chat.History(channelId, null, null, 20), Chat.Page.class)).messages();
    }

    private static String label(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().filter(javafx.scene.Node::isVisible)
                .map(node -> ((Label) node).getText()).orElse(""));
    }
}
