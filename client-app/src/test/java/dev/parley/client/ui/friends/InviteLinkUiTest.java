package dev.parley.client.ui.friends;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.device.NullAudioDevices;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.app.HandedLinks;
import dev.parley.client.ui.connect.SignInMode;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.UiRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Invites;
import dev.parley.protocol.control.model.InviteInfo;
import dev.parley.protocol.control.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * An invite link ({@code parley://host:port?fp=…&invite=CODE}) in the app: pasted where the address
 * goes, it opens "Create account" filled in with the code; the newcomer picks a name and a password
 * and is in the invite's channel, without being asked to trust the room (the link vouched for its
 * certificate). A used-up code handed to the running app and a damaged link are refused in words.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InviteLinkUiTest {
    /** Anyone asked "trust this room?" says no and is counted: an invite link must make the question unnecessary. */
    private static final AtomicInteger QUESTIONS = new AtomicInteger();
    private static Path folder;
    private static TestRoom room;
    private static ControlClient admin;
    private static long garden;

    @RegisterExtension
    final AppWindow app = new AppWindow((home, background) -> UiRoom.context(home, UiThread.fx(), background,
            new NullAudioDevices(), contact -> {
                QUESTIONS.incrementAndGet();
                return CompletableFuture.completedFuture(false);
            }));

    @BeforeAll
    static void startRoom() throws Exception {
        folder = Files.createTempDirectory("parley-invite-link-ui-");
        room = TestRoom.start(folder.resolve("room"));
        admin = Clients.registered(room.port(), "root"); // the room's first account: its admin
        garden = Clients.await(admin.request(new Channels.Create(null, "Garden", null, null, null),
                Channels.Created.class)).channel().id();
    }

    @AfterAll
    static void stopRoom() {
        admin.close();
        room.close();
    }

    private static InviteInfo invite(int uses) throws Exception {
        return Clients.await(admin.request(new Invites.Create(uses, 60, garden, Role.MEMBER), Invites.Created.class)).invite();
    }

    private static String link(String code) {
        return JoinLink.invite("127.0.0.1", room.port(), room.server().fingerprint().orElseThrow(), code).toUri();
    }

    @Test
    void aPastedInviteLinkRegistersWithItsCodeAndLandsInItsChannelWithoutATrustQuestion(FxRobot robot) throws Exception {
        InviteInfo invite = invite(1);
        robot.interact(() -> robot.lookup("#connect-host").<TextField>query().setText(link(invite.code())));

        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#connect-host").<TextField>query().getText()).equals("127.0.0.1"));
        assertThat(onFx(() -> robot.lookup("#connect-port").<TextField>query().getText())).isEqualTo(Integer.toString(room.port()));
        assertThat(onFx(() -> robot.lookup("#connect-mode").<ChoiceBox<SignInMode>>query().getValue())).isEqualTo(SignInMode.REGISTER);
        assertThat(onFx(() -> robot.lookup("#connect-invite-note").<Label>query().getText())).contains("You were invited");
        assertThat(onFx(() -> app.shell().connectModel().inviteProperty().get())).isEqualTo(invite.code());

        robot.interact(() -> {
            robot.lookup("#connect-username").<TextField>query().setText("newt");
            robot.lookup("#connect-password").<TextField>query().setText(Clients.PASSWORD);
        });
        robot.clickOn("#connect-join");
        await().atMost(WAIT).until(() -> robot.lookup("#channel-tree").tryQuery().isPresent());
        await().atMost(WAIT).until(() -> onFx(() -> app.shell().main().tree().myChannelIdProperty().get()) == garden);
        assertThat(QUESTIONS).hasValue(0);
        assertThat(Clients.await(admin.request(new Invites.ListInvites(), Invites.Page.class)).invites())
                .filteredOn(info -> info.id() == invite.id()).singleElement()
                .satisfies(used -> assertThat(used.uses()).isEqualTo(1));
    }

    @Test
    void aUsedUpInviteHandedToTheRunningAppIsRefusedInWords(FxRobot robot) throws Exception {
        InviteInfo invite = invite(1);
        try (ControlClient first = Clients.client(room.port())) {
            Clients.signIn(first, new Credentials.Register("early", Clients.PASSWORD, null, invite.code()));
        }
        // As when the OS hands the running app a link someone clicked: the form opens, filled in, and waits.
        robot.interact(() -> HandedLinks.follow(app.shell(), link(invite.code())));
        assertThat(onFx(() -> robot.lookup("#connect-mode").<ChoiceBox<SignInMode>>query().getValue())).isEqualTo(SignInMode.REGISTER);
        robot.interact(() -> {
            robot.lookup("#connect-username").<TextField>query().setText("late");
            robot.lookup("#connect-password").<TextField>query().setText(Clients.PASSWORD);
        });
        robot.clickOn("#connect-join");
        await().atMost(WAIT).until(() -> error(robot).contains("Your invite did not work: This invite has been used up"));
        assertThat(app.shell().main()).isNull();
        assertThat(QUESTIONS).hasValue(0);
    }

    @Test
    void aDamagedLinkIsRefusedInWordsAndNothingIsSent(FxRobot robot) {
        robot.interact(() -> robot.lookup("#connect-host").<TextField>query().setText(
                "parley://127.0.0.1:" + room.port() + "?invite=not%20a%20code"));
        await().atMost(WAIT).until(() -> error(robot).contains("The invite code in this parley:// link is damaged"));
        // the link stays where it was pasted, so it can be corrected; no invite is taken from it
        assertThat(onFx(() -> app.shell().connectModel().inviteProperty().get())).isEmpty();
    }

    private static String error(FxRobot robot) {
        return onFx(() -> robot.lookup("#connect-error").<Label>query().getText());
    }
}
