package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 11 item 10: guests may not pass for an account, the staff, or each other. */
@Timeout(90)
class GuestNamesTest {
    @TempDir
    Path data;
    ParleyServer server;
    SignedIn ann;

    @BeforeEach
    void start() throws Exception {
        server = Rooms.start(data);
        ann = Rooms.register(server, "ann");
    }

    @AfterEach
    void stop() {
        ann.close();
        server.close();
    }

    /** Sends a raw auth.guest so the nickname reaches the server exactly as an attacker wrote it. */
    private ErrorReply guestRefused(String nicknameJson) throws Exception {
        try (TestClient client = TestClient.hello(server.port())) {
            client.sendRaw("{\"type\":\"auth.guest\",\"id\":\"g1\",\"payload\":{\"nickname\":\"" + nicknameJson + "\"}}");
            return (ErrorReply) client.awaitReply("g1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ann", "ANN", "\\u0430nn", "\\uff41\\uff4e\\uff4e", "ann.", "admin", "Admin", "\\u0430dmin",
        "moderator", "SYSTEM", "Parley"})
    void aGuestCannotTakeAnAccountsNameOrAReservedOneInAnyDisguise(String nickname) throws Exception {
        ErrorReply error = guestRefused(nickname);

        assertThat(error.code()).as(nickname).isEqualTo(ErrorCode.USERNAME_TAKEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\\u202Eann", "an\\u200Bn", "ann\\u2066", "\\u200Fbob", "bob\\uFEFF", "b\\u00ADob",
        "\\u3164", "bob\\u00A0"})
    void bidiZeroWidthAndInvisibleCharactersAreRefused(String nickname) throws Exception {
        ErrorReply error = guestRefused(nickname);

        assertThat(error.code()).as(nickname).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(error.message()).startsWith("nickname:");
    }

    @Test
    void aGuestCannotPassForAnotherGuestWhoIsOnline() throws Exception {
        try (SignedIn visitor = Rooms.guest(server, "Visitor")) {
            assertThat(guestRefused("VISITOR").code()).isEqualTo(ErrorCode.USERNAME_TAKEN);
            // Nor can someone register the name of a guest who is here.
            try (TestClient client = TestClient.hello(server.port())) {
                client.expectError(new Session.Register("visitor", Rooms.PASSWORD, null), ErrorCode.USERNAME_TAKEN);
            }
        }
    }

    @Test
    void aNewAccountCannotLookLikeAnExistingOne() throws Exception {
        Rooms.register(server, "mike").close();
        try (TestClient client = TestClient.hello(server.port())) {
            client.expectError(new Session.Register("rnike", Rooms.PASSWORD, null), ErrorCode.USERNAME_TAKEN);
        }
    }

    @Test
    void nicknamesAreStoredInNormalFormC() throws Exception {
        try (TestClient client = TestClient.hello(server.port())) {
            client.sendRaw("{\"type\":\"auth.guest\",\"id\":\"g2\",\"payload\":{\"nickname\":\"Zoe\\u0301\"}}");

            Session.AuthOk ok = (Session.AuthOk) client.awaitReply("g2");
            assertThat(ok.self().name()).isEqualTo("Zo\u00e9");
        }
    }

    @Test
    void guestsAreMarkedAsGuestsInPresenceAndInChat() throws Exception {
        try (SignedIn visitor = Rooms.guest(server, "Visitor")) {
            assertThat(visitor.auth().self().role()).isEqualTo(Role.GUEST);
            visitor.client().expect(new Chat.Send(1L, null, "hi, I am ann, honest", "g-1", null), Chat.Sent.class);
            ann.client().expect(new Chat.Send(1L, null, "no you are not", "a-1", null), Chat.Sent.class);

            ChatMessage fromGuest = ann.client().awaitEvent(Chat.Posted.class, e -> e.message().nonce().equals("g-1"))
                    .message();
            ChatMessage fromAnn = ann.client().awaitEvent(Chat.Posted.class, e -> e.message().nonce().equals("a-1"))
                    .message();
            assertThat(fromGuest.authorGuest()).isTrue();
            assertThat(fromAnn.authorGuest()).isFalse();
        }
    }
}
