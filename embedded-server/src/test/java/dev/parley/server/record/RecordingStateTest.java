package dev.parley.server.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * record.start / record.stop against the real server over WebSocket: who is told, when the state
 * clears by itself (moves, disconnects), and the refusals. One room for the class; each test uses
 * its own channel so they cannot see each other's recordings.
 */
@Timeout(60)
class RecordingStateTest {
    @TempDir
    static Path data;
    static ParleyServer server;
    static SignedIn admin;

    @BeforeAll
    static void start() throws Exception {
        // The class registers more accounts than one address may per 30 s by default.
        server = ParleyServer.start(Rooms.config(data).registrationRate(100, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)).build());
        admin = Rooms.register(server, "admin");
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    static long channel(String name) throws Exception {
        ChannelInfo created = admin.client().expect(new Channels.Create(null, name, null, null, null),
                Channels.Created.class).channel();
        return created.id();
    }

    static SignedIn inChannel(String name, long channelId, boolean voice) throws Exception {
        SignedIn user = Rooms.register(server, name);
        user.client().expect(new Channels.Join(channelId, null), Ok.class);
        if (voice) {
            user.client().expect(new Voice.Start(), Voice.Ready.class);
        }
        return user;
    }

    static List<Long> ids(Recording.State state) {
        return state.recorders().stream().map(UserInfo::id).toList();
    }

    static Recording.State awaitState(TestClient client, long channelId, List<Long> recorderIds) {
        return client.awaitEvent(Recording.State.class,
                state -> state.channelId() == channelId && ids(state).equals(recorderIds));
    }

    @Test
    void everyoneInTheChannelIsToldWhoRecordsAndStopClearsIt() throws Exception {
        long studio = channel("Studio");
        try (SignedIn ann = inChannel("ann1", studio, true); SignedIn bob = inChannel("bob1", studio, false);
                SignedIn outsider = Rooms.register(server, "zed1")) {
            ann.client().expect(new Recording.Start(), Ok.class);

            Recording.State seenByBob = awaitState(bob.client(), studio, List.of(ann.id()));
            assertThat(seenByBob.recorders().get(0).name()).isEqualTo("ann1");
            awaitState(ann.client(), studio, List.of(ann.id()));

            ann.client().expect(new Recording.Stop(), Ok.class);
            awaitState(bob.client(), studio, List.of());
            // Someone in another channel is never told.
            assertThat(outsider.client().events(Recording.State.class)).isEmpty();
        }
    }

    @Test
    void recordingNeedsVoiceAndCannotStartTwice() throws Exception {
        long booth = channel("Booth");
        try (SignedIn quiet = inChannel("quiet2", booth, false); SignedIn ann = inChannel("ann2", booth, true)) {
            quiet.client().expectError(new Recording.Start(), ErrorCode.VOICE_REQUIRED);

            ann.client().expect(new Recording.Start(), Ok.class);
            ann.client().expectError(new Recording.Start(), ErrorCode.CONFLICT);
            // A stop from someone who is not recording is a harmless ok and changes nothing.
            quiet.client().expect(new Recording.Stop(), Ok.class);
            awaitState(quiet.client(), booth, List.of(ann.id()));
            assertThat(quiet.client().events(Recording.State.class)).extracting(RecordingStateTest::ids)
                    .containsOnly(List.of(ann.id()));
        }
    }

    @Test
    void whoeverEntersLaterIsToldOnJoinAndOnSignIn() throws Exception {
        long hall = channel("Hall");
        long lobbyLike = channel("Side");
        try (SignedIn ann = inChannel("ann3", hall, true); SignedIn bob = inChannel("bob3", hall, true)) {
            ann.client().expect(new Recording.Start(), Ok.class);
            bob.client().expect(new Recording.Start(), Ok.class);
            awaitState(ann.client(), hall, List.of(ann.id(), bob.id()));

            try (SignedIn carol = inChannel("carol3", lobbyLike, false)) {
                assertThat(carol.client().events(Recording.State.class)).isEmpty();
                carol.client().expect(new Channels.Join(hall, null), Ok.class);
                awaitState(carol.client(), hall, List.of(ann.id(), bob.id()));
            }
            // A user who signs in straight into a recorded channel: the lobby is where sign-in lands,
            // so record the lobby too and sign a fresh user in.
            try (SignedIn lobbyRecorder = Rooms.register(server, "dora3")) {
                lobbyRecorder.client().expect(new Voice.Start(), Voice.Ready.class);
                lobbyRecorder.client().expect(new Recording.Start(), Ok.class);
                try (SignedIn late = Rooms.register(server, "eve3")) {
                    awaitState(late.client(), lobbyRecorder.auth().channelId(), List.of(lobbyRecorder.id()));
                }
                lobbyRecorder.client().expect(new Recording.Stop(), Ok.class);
            }
        }
    }

    @Test
    void leavingTheChannelOrDisconnectingEndsTheRecording() throws Exception {
        long room1 = channel("Cellar");
        long room2 = channel("Attic");
        try (SignedIn bob = inChannel("bob4", room1, false); SignedIn watcher = inChannel("watch4", room2, false)) {
            SignedIn ann = inChannel("ann4", room1, true);
            ann.client().expect(new Recording.Start(), Ok.class);
            awaitState(bob.client(), room1, List.of(ann.id()));

            ann.client().expect(new Channels.Join(room2, null), Ok.class);
            awaitState(bob.client(), room1, List.of());
            // Her move ended it: the channel she entered hears of no recording by her.
            assertThat(watcher.client().events(Recording.State.class)).isEmpty();

            ann.client().expect(new Recording.Start(), Ok.class);
            awaitState(watcher.client(), room2, List.of(ann.id()));
            ann.close();
            awaitState(watcher.client(), room2, List.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> ann.client().isClosed());
        }
    }
}
