package dev.parley.server.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Accounts;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Moderation;
import dev.parley.protocol.control.message.RoomAdmin;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.AuditEntry;
import dev.parley.protocol.control.model.Registration;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code room.settings}: before it, a room's name, password, guests and registration policy were
 * fixed at start; now an admin changes them, everyone hears it, and the room keeps them.
 */
@Timeout(90)
class RoomSettingsTest {
    @TempDir
    Path data;

    private static Session.HelloOk hello(ParleyServer server) throws InterruptedException {
        try (TestClient client = TestClient.connect(server.port())) {
            return client.expect(new Session.Hello(ProtocolVersion.CURRENT, "test"), Session.HelloOk.class);
        }
    }

    @Test
    void onlyAnAdminReadsOrChangesTheSettings() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn admin = Rooms.register(server, "admin");
             SignedIn mod = Rooms.register(server, "mod"); SignedIn member = Rooms.register(server, "member");
             SignedIn guest = Rooms.guest(server, "visitor")) {
            admin.client().expect(new Users.SetRole(mod.id(), Role.MODERATOR), dev.parley.protocol.control.message.Ok.class);
            for (SignedIn notAdmin : new SignedIn[] {mod, member, guest}) {
                notAdmin.client().expectError(new RoomAdmin.Update("Mine now", null, false, null), ErrorCode.FORBIDDEN);
                notAdmin.client().expectError(RoomAdmin.Update.read(), ErrorCode.FORBIDDEN);
            }
            assertThat(hello(server).serverName()).isEqualTo("Parley room");
            assertThat(hello(server).guestsAllowed()).isTrue();
            assertThat(member.client().events(RoomAdmin.Updated.class)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":\" padded\"}", "{\"name\":\"two\\nlines\"}",
            "{\"name\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}",
            "{\"password\":\"   \"}", "{\"registration\":\"sometimes\"}", "{\"registration\":\"OPEN\"}",
            "{\"guestsAllowed\":\"false\"}", "{\"guestsAllowed\":0}", "{\"name\":42}"})
    void wrongValuesAreRefusedAndChangeNothing(String payload) throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn admin = Rooms.register(server, "admin")) {
            admin.client().sendRaw("{\"type\":\"room.settings\",\"id\":\"bad\",\"payload\":" + payload + "}");
            ErrorReply error = (ErrorReply) admin.client().awaitReply("bad");
            assertThat(error.code()).as(error.message()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(admin.client().expect(RoomAdmin.Update.read(), RoomAdmin.Info.class))
                    .isEqualTo(new RoomAdmin.Info("Parley room", true, false, Registration.OPEN));
        }
    }

    @Test
    void anAdminsChangeReachesEveryoneAndTakesEffectForTheNextSignIn() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn admin = Rooms.register(server, "admin");
             SignedIn member = Rooms.register(server, "member"); SignedIn guest = Rooms.guest(server, "visitor")) {
            RoomAdmin.Info info = admin.client().expect(new RoomAdmin.Update("Friday games", "meeple night", false,
                    Registration.APPROVAL), RoomAdmin.Info.class);

            assertThat(info).isEqualTo(new RoomAdmin.Info("Friday games", false, true, Registration.APPROVAL));
            RoomAdmin.Updated expected = new RoomAdmin.Updated("Friday games", false, true, Registration.APPROVAL);
            for (SignedIn who : new SignedIn[] {admin, member, guest}) {
                assertThat(who.client().awaitEvent(RoomAdmin.Updated.class, e -> true)).isEqualTo(expected);
            }
            assertThat(guest.client().isOpen()).as("people already in stay").isTrue();
            Session.HelloOk hello = hello(server);
            assertThat(hello.serverName()).isEqualTo("Friday games");
            assertThat(hello.guestsAllowed()).isFalse();
            assertThat(hello.serverPasswordRequired()).isTrue();
            try (TestClient late = TestClient.hello(server.port())) {
                late.expectError(new Session.GuestJoin("latecomer", "meeple night"), ErrorCode.GUESTS_DISABLED);
                late.expectError(new Session.Register("eve", Rooms.PASSWORD, null), ErrorCode.SERVER_PASSWORD);
                late.expect(new Session.Register("eve", Rooms.PASSWORD, "meeple night"), Accounts.Pending.class);
            }

            Moderation.AuditPage audit = admin.client().expect(new Moderation.AuditList(null, null), Moderation.AuditPage.class);
            assertThat(audit.entries()).filteredOn(e -> e.action().equals("room.settings")).singleElement()
                    .extracting(AuditEntry::detail).asString()
                    .contains("name 'Parley room' -> 'Friday games'", "password set", "guests off",
                            "registration open -> approval")
                    .doesNotContain("meeple");
        }
    }

    @Test
    void aRemovedPasswordAndReopenedGuestsLetPeopleInAgain() throws Exception {
        try (ParleyServer server = ParleyServer.start(Rooms.config(data).serverPassword("door code").guests(false).build());
             TestClient admin = TestClient.hello(server.port())) {
            admin.expect(new Session.Register("admin", Rooms.PASSWORD, "door code"), Session.AuthOk.class);
            try (TestClient early = TestClient.hello(server.port())) {
                early.expectError(new Session.GuestJoin("visitor", null), ErrorCode.GUESTS_DISABLED);
            }

            admin.expect(new RoomAdmin.Update(null, "", true, null), RoomAdmin.Info.class);

            assertThat(hello(server).serverPasswordRequired()).isFalse();
            try (TestClient guest = TestClient.hello(server.port())) {
                guest.expect(new Session.GuestJoin("visitor", null), Session.AuthOk.class);
            }
        }
    }

    @Test
    void aChangeSurvivesARestartAndWinsOverTheOptions() throws Exception {
        try (ParleyServer first = Rooms.start(data); SignedIn admin = Rooms.register(first, "admin")) {
            admin.client().expect(new RoomAdmin.Update("Renamed", null, false, null), RoomAdmin.Info.class);
        }

        // Started again with the same options (name "Parley room", guests on, registration closed now).
        try (ParleyServer second = ParleyServer.start(Rooms.config(data)
                .registration(dev.parley.server.registration.RegistrationMode.CLOSED).build());
             SignedIn admin = Rooms.login(second, "admin")) {
            assertThat(admin.client().expect(RoomAdmin.Update.read(), RoomAdmin.Info.class))
                    .as("changed settings stay; the ones never changed follow the options")
                    .isEqualTo(new RoomAdmin.Info("Renamed", false, false, Registration.CLOSED));
            assertThat(hello(second).serverName()).isEqualTo("Renamed");
            try (TestClient guest = TestClient.hello(second.port())) {
                guest.expectError(new Session.GuestJoin("visitor", null), ErrorCode.GUESTS_DISABLED);
            }
        }
    }

    @Test
    void aSettingSentAgainUnchangedKeepsFollowingItsOption() throws Exception {
        try (ParleyServer first = Rooms.start(data); SignedIn admin = Rooms.register(first, "admin")) {
            // What the app's Settings tab sends: every field, only the name changed.
            admin.client().expect(new RoomAdmin.Update("Renamed", null, true, Registration.OPEN), RoomAdmin.Info.class);
        }

        try (ParleyServer second = ParleyServer.start(Rooms.config(data).guests(false)
                .registration(dev.parley.server.registration.RegistrationMode.APPROVAL).build());
             SignedIn admin = Rooms.login(second, "admin")) {
            assertThat(admin.client().expect(RoomAdmin.Update.read(), RoomAdmin.Info.class))
                    .isEqualTo(new RoomAdmin.Info("Renamed", false, false, Registration.APPROVAL));
            Moderation.AuditPage audit = admin.client().expect(new Moderation.AuditList(null, null), Moderation.AuditPage.class);
            assertThat(audit.entries()).filteredOn(e -> e.action().equals("room.settings")).singleElement()
                    .extracting(AuditEntry::detail).isEqualTo("name 'Parley room' -> 'Renamed'");
        }
    }
}
