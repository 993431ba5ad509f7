package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 11: others must not tell an invisible user from an offline one, by the fields of
 * their state, by news an offline user would never cause, or by their place in the snapshot.
 */
@Timeout(90)
class InvisibleLooksOfflineTest {
    private static final ControlCodec CODEC = new ControlCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    /** The wire fields of a state, with their JSON types: what a client can tell states apart by. */
    private static List<String> shape(UserState state) throws Exception {
        JsonNode user = JSON.readTree(CODEC.encode(Envelope.event(new Users.StateChanged(state))))
                .get("payload").get("user");
        List<String> shape = new ArrayList<>();
        user.fields().forEachRemaining(field -> shape.add(field.getKey() + ":" + field.getValue().getNodeType()
                + (field.getValue().isBoolean() || field.getKey().equals("presence") ? "=" + field.getValue() : "")));
        return shape;
    }

    @Test
    void anInvisibleUserLooksLikeAnOfflineOneEverywhere() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            Rooms.register(server, "cid").close();
            UserState cidOffline = ann.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().user().name().equals("cid") && e.user().presence() == Presence.OFFLINE).user();

            try (SignedIn bob = Rooms.register(server, "bob")) {
                bob.client().expect(new Voice.SetState(true, false), Ok.class);
                bob.client().expect(new Session.SetPresence(Presence.INVISIBLE), Ok.class);

                UserState bobHidden = ann.client().awaitEvent(Users.StateChanged.class,
                        e -> e.user().id() == bob.id() && e.user().presence() == Presence.OFFLINE).user();
                assertThat(shape(bobHidden)).isEqualTo(shape(cidOffline));
                assertThat(bobHidden.lastSeen()).isNotNull();

                // Voice switches of an invisible user are news to nobody else: offline users have none.
                int before = ann.client().events(Users.StateChanged.class).size();
                bob.client().expect(new Voice.SetState(false, true), Ok.class);
                ann.client().expect(new Session.Ping(), Session.Pong.class);
                assertThat(ann.client().events(Users.StateChanged.class)).hasSize(before);

                // A newcomer's snapshot lists online users only: bob is left out like cid; the member
                // list (paged, every account by name) shows bob shaped exactly like cid.
                try (SignedIn dan = Rooms.register(server, "dan")) {
                    assertThat(dan.auth().users()).extracting(state -> state.user().name())
                            .containsExactly("ann", "dan");
                    List<UserState> members = dan.client().expect(new Directory.ListMembers(null, null),
                            Directory.MemberPage.class).members();
                    assertThat(members).extracting(state -> state.user().name())
                            .containsExactly("ann", "bob", "cid", "dan");
                    UserState bobInList = members.get(1);
                    assertThat(shape(bobInList)).isEqualTo(shape(members.get(2)));
                    assertThat(bobInList.lastSeen()).isEqualTo(bobHidden.lastSeen());
                }
            }
        }
    }

    @Test
    void anInvisibleGuestIsLeftOutOfSnapshotsLikeAGuestWhoLeft() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann");
             SignedIn visitor = Rooms.guest(server, "visitor")) {
            visitor.client().expect(new Session.SetPresence(Presence.INVISIBLE), Ok.class);
            UserState gone = ann.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == visitor.id() && e.user().presence() == Presence.OFFLINE).user();
            assertThat(gone.lastSeen()).isNotNull();

            try (SignedIn dan = Rooms.register(server, "dan")) {
                assertThat(dan.auth().users()).extracting(state -> state.user().name()).containsExactly("ann", "dan");
            }
        }
    }
}
