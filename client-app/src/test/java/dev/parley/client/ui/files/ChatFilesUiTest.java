package dev.parley.client.ui.files;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.files.FileUpload;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.chat.ChatView;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.model.ChatMessage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** Files in the real app against a real room: send with the attach button, see it inline, save another's file. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChatFilesUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    @TempDir
    Path temp;
    private TestRoom room;
    private ControlClient bob;

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

    private void signIn(FxRobot robot) {
        Forms.register(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> robot.lookup(".chat-view").tryQuery().isPresent()
                && app.shell().main().chat().conversationProperty().get() != null);
        robot.interact(() -> robot.lookup(".chat-view").<ChatView>query().useFileDialogs(dialogs));
    }

    @Test
    void imageSentWithTheAttachButtonShowsInlineAsItsThumbnail(FxRobot robot) throws Exception {
        room = app.startRoom();
        signIn(robot);
        BufferedImage picture = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                picture.setRGB(x, y, (x * 255 / 640) << 16 | (y * 255 / 480) << 8 | 0x80);
            }
        }
        Path png = temp.resolve("sunset.png");
        ImageIO.write(picture, "png", png.toFile());
        dialogs.toSend = List.of(png);

        robot.clickOn("#attach-button");

        await().atMost(WAIT).until(() -> robot.lookup(node -> node instanceof ImageView view
                && view.getId() != null && view.getId().startsWith("file-thumb-") && view.getImage() != null
                && view.getImage().getWidth() == 320).tryQuery().isPresent());
        await().atMost(WAIT).until(() -> robot.lookup(".chat-view")
                .lookup((Label label) -> label.getText().startsWith("sunset.png · ")
                        && label.getText().endsWith(" · 640×480")).tryQuery().isPresent());
        assertThat(robot.lookup("#file-transfers").<javafx.scene.layout.VBox>query().getChildren()).isEmpty();
    }

    @Test
    void someoneElsesFileShowsNameAndSizeAndSavesWhereIChose(FxRobot robot) throws Exception {
        room = app.startRoom();
        bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        signIn(robot);
        byte[] bytes = new byte[150_000];
        new Random(3).nextBytes(bytes);
        Path file = Files.write(temp.resolve("tournament.bin"), bytes);

        ChatMessage sent = Clients.await(FileUpload.start(bob, Conversation.channel(1), file, "tournament.bin", null)
                .result());

        await().atMost(WAIT).until(() -> robot.lookup("#file-name-" + sent.id()).tryQuery().isPresent());
        await().atMost(WAIT).until(() -> robot.lookup(".chat-view")
                .lookup((Label label) -> label.getText().equals("146.5 KB · application/octet-stream")).tryQuery().isPresent());
        Path target = temp.resolve("saved").resolve("brackets.bin");
        Files.createDirectories(target.getParent());
        dialogs.saveTo = target;

        await().atMost(WAIT).until(() -> robot.lookup("#file-save-" + sent.id()).tryQuery().isPresent());
        // The list rebuilds its cells as lines arrive: press the button the cell shows now.
        robot.interact(() -> robot.lookup("#file-save-" + sent.id()).<javafx.scene.control.Button>query().fire());

        await().atMost(WAIT).until(() -> Files.exists(target) && Files.size(target) == bytes.length);
        assertThat(target).hasBinaryContent(bytes);
        assertThat(target.resolveSibling("brackets.bin.part")).doesNotExist();
    }

    @Test
    void aReactionToAFileLeavesTheFileShowing(FxRobot robot) throws Exception {
        room = app.startRoom();
        bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        signIn(robot);
        Path file = Files.write(temp.resolve("notes.txt"), "bring snacks".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ChatMessage sent = Clients.await(FileUpload.start(bob, Conversation.channel(1), file, "notes.txt", null).result());
        await().atMost(WAIT).until(() -> robot.lookup("#file-name-" + sent.id()).tryQuery().isPresent());

        Clients.await(bob.requestOk(new dev.parley.protocol.control.message.Chat.React(sent.id(), "👍", true)));

        await().atMost(WAIT).until(() -> robot.lookup(".reaction-chip").tryQuery().isPresent());
        assertThat(robot.lookup("#file-name-" + sent.id()).tryQuery()).as("the file card after the reaction").isPresent();
    }
}
