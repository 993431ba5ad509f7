package dev.parley.client.ui.admin;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.InviteInfo;
import dev.parley.protocol.control.model.Role;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Room admin window's Invites tab against a real room: the admin makes an invite, copies its
 * link, a newcomer registers with the link's code (trusting the link's fingerprint), and a revoked
 * invite lets nobody in.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InvitesUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;

    @Test
    void anAdminMakesCopiesAndRevokesAnInviteThatANewcomerUses(FxRobot robot) throws Exception {
        room = app.startRoom();
        Forms.register(robot, room.port(), "ann"); // the room's first account: its admin
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#open-room-admin").query().isVisible()));
        robot.clickOn("#open-room-admin");
        await().atMost(WAIT).until(() -> robot.lookup("#admin-tab-invites").tryQuery().isPresent());
        robot.clickOn("#admin-tab-invites");

        robot.interact(() -> {
            robot.lookup("#invite-uses").<Spinner<Integer>>query().getValueFactory().setValue(2);
            robot.lookup("#invite-role").<ComboBox<Role>>query().setValue(Role.MODERATOR);
        });
        robot.clickOn("#invite-create");
        await().atMost(WAIT).until(() -> rows(robot).size() == 1);
        InviteInfo invite = rows(robot).get(0);
        assertThat(invite.maxUses()).isEqualTo(2);
        assertThat(invite.role()).isEqualTo(Role.MODERATOR);
        assertThat(invite.expiresAt()).isNotNull();

        robot.interact(() -> robot.lookup("#admin-invites").<TableView<InviteInfo>>query().getSelectionModel().select(0));
        robot.clickOn("#invite-copy");
        String copied = Forms.onFx(() -> Clipboard.getSystemClipboard().getString());
        JoinLink link = JoinLink.parse(copied);
        assertThat(link.inviteCode()).contains(invite.code());
        assertThat(link.port()).isEqualTo(room.port());
        assertThat(link.fingerprint()).isEqualTo(room.server().fingerprint().orElseThrow());

        // The newcomer trusts exactly the link's certificate and registers with its code.
        try (ControlClient newcomer = new ControlClient(ControlClient.address(link.host(), link.port()), Clients.FAST,
                new dev.parley.client.core.net.ServerTrust(dev.parley.client.core.net.KnownServers.inMemory(),
                        dev.parley.client.core.net.FingerprintDecision.trustOnly(link.fingerprint())))) {
            Session.AuthOk ok = Clients.signIn(newcomer,
                    new Credentials.Register("dave", Clients.PASSWORD, null, link.invite()));
            assertThat(ok.self().role()).isEqualTo(Role.MODERATOR);
        }

        robot.clickOn("#invite-revoke");
        robot.clickOn("OK");
        await().atMost(WAIT).until(() -> rows(robot).isEmpty());
        assertThat(Forms.onFx(() -> robot.lookup("#admin-notice").<Label>query().getText())).contains("revoked");
        try (ControlClient late = Clients.client(room.port())) {
            assertThatThrownBy(() -> Clients.signIn(late, new Credentials.Register("erin", Clients.PASSWORD, null,
                    invite.code()))).rootCause().isInstanceOfSatisfying(RequestFailed.class, failed -> {
                        assertThat(failed.code()).isEqualTo(ErrorCode.INVITE_INVALID);
                        assertThat(failed.getMessage()).contains("revoked");
                    });
        }
    }

    private List<InviteInfo> rows(FxRobot robot) {
        return Forms.onFx(() -> List.copyOf(robot.lookup("#admin-invites").<TableView<InviteInfo>>query().getItems()));
    }
}
