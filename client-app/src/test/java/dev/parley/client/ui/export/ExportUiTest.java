package dev.parley.client.ui.export;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.files.FileUpload;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.app.MainWindow;
import dev.parley.client.ui.room.ChannelNode;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
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
 * "Export conversation…" in the real app against a real room: from the channel's menu to an HTML page
 * with its image saved beside it, and a clear error for a channel the user may not read.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExportUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    @TempDir
    Path temp;

    @Test
    void aChannelIsExportedFromItsMenuWithItsFilesAndALockedOneFailsInWords(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        Path png = temp.resolve("harbour.png");
        ImageIO.write(new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        ChatMessage image = Clients.await(FileUpload.start(bob, Conversation.channel(1), png, "harbour.png", "the harbour")
                .result());
        Clients.await(bob.request(new Chat.Send(1L, null, "see you <there> & then", "n-1", null), Chat.Sent.class));
        Clients.await(bob.request(new Channels.Create(null, "Vault", "", null, "meeple"), Channels.Created.class));
        Forms.register(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> robot.lookup(".chat-view").tryQuery().isPresent());
        List<ExportDialogsCall> asked = new ArrayList<>();
        robot.interact(() -> robot.lookup("#main-window").<MainWindow>query().export().useDialogs((owner, name, format) -> {
            asked.add(new ExportDialogsCall(name, format.extension()));
            return Optional.of(temp.resolve("out").resolve(name + format.extension()));
        }));

        openMenuOf(robot, "Lobby");
        robot.clickOn("Export conversation…");
        await().atMost(WAIT).until(() -> robot.lookup("#export-start").tryQuery().isPresent());
        assertThat(Forms.onFx(() -> robot.lookup("#export-include-files").<CheckBox>query().isSelected())).isTrue();
        robot.clickOn("#export-start");

        await().atMost(WAIT).until(() -> status(robot).startsWith("Exported"));
        Path page = temp.resolve("out").resolve("lobby.html");
        assertThat(status(robot)).isEqualTo("Exported 2 messages and 1 file to " + page + ".");
        assertThat(asked).containsExactly(new ExportDialogsCall("lobby", ".html"));
        Path saved = temp.resolve("out").resolve("lobby_files").resolve(image.id() + "-harbour.png");
        assertThat(saved).hasSameBinaryContentAs(png);
        assertThat(Files.readString(page)).contains("<img src=\"lobby_files/" + image.id() + "-harbour.png\"")
                .contains("see you &lt;there&gt; &amp; then");
        robot.interact(() -> robot.lookup("#export-cancel").<Button>query().fire());
        await().atMost(WAIT).until(() -> robot.lookup("#export-window").tryQuery().isEmpty());

        openMenuOf(robot, "Vault");
        robot.clickOn("Export conversation…");
        await().atMost(WAIT).until(() -> robot.lookup("#export-start").tryQuery().isPresent());
        robot.clickOn("#export-format-markdown");
        robot.clickOn("#export-start");

        await().atMost(WAIT).until(() -> status(robot).startsWith("Could not export"));
        assertThat(status(robot)).startsWith("Could not export #Vault: the room refused the export: ");
        assertThat(temp.resolve("out").resolve("vault.md")).doesNotExist();
        robot.interact(() -> robot.lookup("#export-cancel").<Button>query().fire());
    }

    private record ExportDialogsCall(String suggestedName, String extension) {
    }

    private static String status(FxRobot robot) {
        return Forms.onFx(() -> robot.lookup("#export-status").tryQuery().map(node -> ((Label) node).getText()).orElse(""));
    }

    /** The channel row's menu, opened as the keyboard does (Shift+F10 on the selected row). */
    private static void openMenuOf(FxRobot robot, String channel) {
        await().atMost(WAIT).until(() -> Forms.onFx(() -> rowOf(robot, channel) >= 0));
        robot.interact(() -> {
            TreeView<Object> tree = robot.lookup("#channel-tree").query();
            tree.requestFocus();
            int row = rowOf(robot, channel);
            tree.getSelectionModel().clearAndSelect(row);
            tree.getFocusModel().focus(row);
        });
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        await().atMost(WAIT).until(() -> Window.getWindows().stream()
                .filter(window -> window instanceof ContextMenu && window.isShowing()).findFirst().orElse(null), Objects::nonNull);
    }

    private static int rowOf(FxRobot robot, String channel) {
        TreeView<Object> tree = robot.lookup("#channel-tree").query();
        for (int i = 0; i < tree.getExpandedItemCount(); i++) {
            TreeItem<Object> item = tree.getTreeItem(i);
            if (item.getValue() instanceof ChannelNode node && node.channel().name().equals(channel)) {
                return i;
            }
        }
        return -1;
    }
}
