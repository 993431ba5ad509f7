package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.device.NullAudioDevices;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.UiRoom;
import dev.parley.protocol.tls.Fingerprint;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Trust without guesswork: the host sees its certificate fingerprint and copies an invite that
 * carries it; a second app that opens the invite joins without a trust question when the room shows
 * that certificate, and is refused (still without a question) when it shows another.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InviteUiTest {
    @TempDir
    Path temp;
    private final ExecutorService background = Executors.newFixedThreadPool(3);
    private final AtomicInteger questions = new AtomicInteger();
    private AppShell host;
    private AppShell joiner;

    @Start
    void start(Stage stage) {
        host = new AppShell(stage, UiRoom.context(temp.resolve("host"), UiThread.fx(), background), url -> { });
        stage.show();
    }

    /** Opened after the host is set up, so the robot's clicks on the host window are not covered by it. */
    private void openASecondApp(FxRobot robot) {
        // Anyone asked "trust this room?" says no and is counted: an invite must make the question unnecessary.
        FingerprintDecision askUser = contact -> {
            questions.incrementAndGet();
            return CompletableFuture.completedFuture(false);
        };
        robot.interact(() -> {
            Stage second = new Stage();
            joiner = new AppShell(second, UiRoom.context(temp.resolve("joiner"), UiThread.fx(), background,
                    new NullAudioDevices(), askUser), url -> { });
            second.show();
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            if (joiner != null) {
                joiner.shutdown();
                joiner.stage().close();
            }
            host.shutdown();
        }).get(20, TimeUnit.SECONDS);
        background.shutdownNow();
    }

    private JoinLink hostAndCopyInvite(FxRobot robot) throws Exception {
        robot.clickOn(robot.from(host.stage().getScene().getRoot()).lookup("#tab-host").<javafx.scene.Node>query());
        int free;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        int port = free;
        robot.interact(() -> robot.lookup("#host-port").<TextField>query().setText(Integer.toString(port)));
        robot.clickOn(robot.from(host.stage().getScene().getRoot()).lookup("#host-start").<javafx.scene.Node>query());
        await().atMost(WAIT).until(() -> host.main() != null && robot.lookup("#copy-invite").tryQuery().isPresent());
        Fingerprint real = host.main().session().hosted().orElseThrow().fingerprint().orElseThrow();
        assertThat(robot.lookup("#host-fingerprint").<Label>query().getText()).contains(real.toString());

        robot.interact(() -> ((javafx.scene.control.Button) host.stage().getScene().lookup("#copy-invite")).fire());
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(10, TimeUnit.SECONDS);
        JoinLink invite = JoinLink.parse(copied);
        assertThat(invite.port()).isEqualTo(port);
        assertThat(invite.pinned()).contains(real);
        // The invite names this machine's LAN address; the test stays on loopback.
        return new JoinLink("127.0.0.1", invite.port(), "", "dave", invite.fingerprint());
    }

    @Test
    void anInviteWithTheRightFingerprintJoinsWithoutAQuestion(FxRobot robot) throws Exception {
        JoinLink invite = hostAndCopyInvite(robot);
        openASecondApp(robot);

        WaitForAsyncUtils.asyncFx(() -> joiner.join(invite)).get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> joiner.main() != null);
        assertThat(questions).hasValue(0);
        await().atMost(WAIT).until(() -> robot.lookup("#user-dave").tryQuery().isPresent());
    }

    @Test
    void theHostsCopiedInviteWaitsForANameInsteadOfFailingAndThenJoinsWithoutAQuestion(FxRobot robot) throws Exception {
        JoinLink copied = hostAndCopyInvite(robot);
        JoinLink nameless = new JoinLink(copied.host(), copied.port(), "", "", copied.fingerprint());
        openASecondApp(robot);

        WaitForAsyncUtils.asyncFx(() -> joiner.join(nameless)).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);

        // Before: "Enter your username." in red, before the newcomer could type anything.
        javafx.scene.Parent form = joiner.stage().getScene().getRoot();
        assertThat(joiner.connectModel().errorProperty().get()).isEmpty();
        assertThat(joiner.connectModel().modeProperty().get()).isEqualTo(dev.parley.client.ui.connect.SignInMode.REGISTER);
        assertThat(robot.from(form).lookup("#connect-invite-note").<Label>query().getText())
                .contains("Choose a name and a password");
        assertThat(WaitForAsyncUtils.asyncFx(() -> joiner.stage().getScene().getFocusOwner()).get(10, TimeUnit.SECONDS))
                .isSameAs(robot.from(form).lookup("#connect-username").query());

        robot.interact(() -> {
            joiner.connectModel().usernameProperty().set("erin");
            joiner.connectModel().passwordProperty().set("correct horse battery");
        });
        robot.interact(() -> ((javafx.scene.control.Button) form.lookup("#connect-join")).fire());
        await().atMost(WAIT).until(() -> joiner.main() != null);
        assertThat(questions).as("the link's fingerprint still decides trust").hasValue(0);
        await().atMost(WAIT).until(() -> robot.lookup("#user-erin").tryQuery().isPresent());
    }

    @Test
    void anInviteWhoseFingerprintDoesNotMatchIsRefusedWithoutAQuestion(FxRobot robot) throws Exception {
        JoinLink real = hostAndCopyInvite(robot);
        openASecondApp(robot);
        Fingerprint other = Fingerprint.parse("00".repeat(32));
        JoinLink forged = new JoinLink(real.host(), real.port(), "", "dave", other);

        CompletableFuture<Void> joined = WaitForAsyncUtils.asyncFx(() -> joiner.join(forged)).get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> joined.get(60, TimeUnit.SECONDS)).hasMessageContaining("not trusted");
        assertThat(questions).hasValue(0);
        assertThat(joiner.main()).isNull();
        assertThat(joiner.connectModel().errorProperty().get()).contains("not the one your invite names");
    }
}
