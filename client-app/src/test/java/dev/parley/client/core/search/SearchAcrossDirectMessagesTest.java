package dev.parley.client.core.search;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Search;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search of everything I may read finds my own direct messages, through the client the app uses. */
class SearchAcrossDirectMessagesTest {
    @TempDir
    static Path dir;
    private static TestRoom room;

    @BeforeAll
    static void startRoom() {
        room = TestRoom.start(dir.resolve("room"));
    }

    @AfterAll
    static void stopRoom() {
        room.close();
    }

    @Test
    void aSearchOfEverythingFindsMyDirectMessage() throws Exception {
        try (ControlClient ann = Clients.client(room.port()); ControlClient bob = Clients.client(room.port())) {
            long annId = Clients.signIn(ann, new Credentials.Register("ann", Clients.PASSWORD, null)).self().id();
            long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
            await(bob.request(new Chat.Send(null, annId, "the marmalade recipe", "n-1", null), Chat.Sent.class));

            Search.Results everywhere = await(ann.request(
                    new Search.Query("marmalade", null, null, null, null, null, null, null, 20), Search.Results.class));
            Search.Results inTheDm = await(ann.request(
                    new Search.Query("marmalade", null, bobId, null, null, null, null, null, 20), Search.Results.class));

            assertThat(everywhere.messages()).singleElement().satisfies(m -> assertThat(m.text()).contains("marmalade"));
            assertThat(inTheDm.messages()).hasSize(1);
        }
    }
}
