package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RestartTest {
    @TempDir
    Path data;

    @Test
    void everythingIsStillThereAfterARestartOnTheSameDataFolder() throws Exception {
        String token;
        ChannelInfo games;
        ChatMessage dm;
        try (ParleyServer first = Rooms.start(data); SignedIn ann = Rooms.register(first, "ann");
             SignedIn bob = Rooms.register(first, "bob")) {
            games = ann.client().expect(new Channels.Create(null, "Games", "play", null, "pw"), Channels.Created.class)
                    .channel();
            ann.client().expect(new Chat.Send(games.id(), null, "gg", "n1", null), Chat.Sent.class);
            dm = ann.client().expect(new Chat.Send(null, bob.id(), "secret", "n2", null), Chat.Sent.class).message();
            bob.client().expect(new Chat.React(dm.id(), "❤", true), Ok.class);
            token = bob.auth().token();
        }

        try (ParleyServer second = Rooms.start(data); SignedIn ann = Rooms.login(second, "ann");
             TestClient bob = TestClient.hello(second.port())) {
            assertThat(ann.auth().self().role()).isEqualTo(Role.ADMIN);
            assertThat(ann.auth().channels()).extracting(ChannelInfo::name).containsExactly("Lobby", "Games");
            assertThat(ann.auth().channels().get(1).passwordProtected()).isTrue();
            Session.AuthOk resumed = bob.expect(new Session.Resume(token), Session.AuthOk.class);
            assertThat(resumed.self().name()).isEqualTo("bob");

            Chat.Page games2 = ann.client().expect(new Chat.History(games.id(), null, null, null), Chat.Page.class);
            assertThat(games2.messages()).extracting(ChatMessage::text).containsExactly("gg");
            Chat.Page dms = bob.expect(new Chat.History(null, ann.id(), null, null), Chat.Page.class);
            assertThat(dms.messages()).singleElement().satisfies(m -> {
                assertThat(m.text()).isEqualTo("secret");
                assertThat(m.reactions()).extracting(r -> r.emoji()).containsExactly("❤");
            });
            Chat.Sent resend = ann.client().expect(new Chat.Send(games.id(), null, "gg", "n1", null), Chat.Sent.class);
            assertThat(resend.duplicate()).isTrue();
        }
    }
}
