package dev.parley.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Calls;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.model.CallState;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.TestClient;
import dev.parley.server.voice.UdpSpeaker;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record.start} with {@code call} true against a real room: both sides of the call are told who
 * records it, and the recording ends when the recorder stops, the call ends or the recorder leaves.
 */
@Timeout(60)
class CallRecordingStateTest {
    @TempDir
    Path data;
    ParleyServer server;

    @BeforeEach
    void start() {
        server = ParleyServer.start(Rooms.config(data).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    UdpSpeaker speaker(String name) throws Exception {
        return new UdpSpeaker(Rooms.register(server, name));
    }

    static TestClient client(UdpSpeaker who) {
        return who.control.client();
    }

    /** Rings and answers; returns the call id once both sides know it is active. */
    static long answeredCall(UdpSpeaker caller, UdpSpeaker callee) throws Exception {
        long callId = client(caller).expect(new Calls.Ring(callee.control.id()), Calls.Ringing.class).callId();
        client(callee).awaitEvent(Calls.Changed.class, e -> e.callId() == callId && e.state() == CallState.INCOMING);
        client(callee).expect(new Calls.Accept(callId), Ok.class);
        client(caller).awaitEvent(Calls.Changed.class, e -> e.callId() == callId && e.state() == CallState.ACTIVE);
        return callId;
    }

    static List<Long> ids(Recording.State state) {
        return state.recorders().stream().map(UserInfo::id).toList();
    }

    static Recording.State awaitCallState(UdpSpeaker who, long callId, List<Long> recorderIds) {
        return client(who).awaitEvent(Recording.State.class,
                state -> state.forCall() && state.callId() == callId && ids(state).equals(recorderIds));
    }

    @Test
    void bothSidesAreToldWhoRecordsTheCallAndStopClearsIt() throws Exception {
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob"); UdpSpeaker cat = speaker("cat")) {
            long callId = answeredCall(ann, bob);

            client(ann).expect(Recording.Start.ofCall(), Ok.class);

            Recording.State seenByBob = awaitCallState(bob, callId, List.of(ann.control.id()));
            assertThat(seenByBob.channelId()).as("a call's state names no channel").isNull();
            assertThat(seenByBob.recorders().get(0).name()).isEqualTo("ann");
            awaitCallState(ann, callId, List.of(ann.control.id()));
            client(bob).expect(Recording.Start.ofCall(), Ok.class);
            awaitCallState(ann, callId, List.of(ann.control.id(), bob.control.id()));

            client(ann).expect(Recording.Stop.ofCall(), Ok.class);

            awaitCallState(bob, callId, List.of(bob.control.id()));
            awaitCallState(ann, callId, List.of(bob.control.id()));
            assertThat(client(cat).events(Recording.State.class)).as("someone outside the call").isEmpty();
            assertThat(client(ann).events(Recording.State.class)).as("no channel recording was started or told")
                    .allMatch(Recording.State::forCall);
        }
    }

    @Test
    void recordingACallNeedsVoiceAnAnsweredCallAndHappensOnce() throws Exception {
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob"); var dan = Rooms.register(server, "dan")) {
            dan.client().expectError(Recording.Start.ofCall(), ErrorCode.VOICE_REQUIRED);
            client(ann).expectError(Recording.Start.ofCall(), ErrorCode.NOT_FOUND);
            long callId = client(ann).expect(new Calls.Ring(bob.control.id()), Calls.Ringing.class).callId();
            client(ann).expectError(Recording.Start.ofCall(), ErrorCode.NOT_FOUND); // ringing is not answered
            client(bob).expect(new Calls.Accept(callId), Ok.class);

            client(bob).expect(Recording.Start.ofCall(), Ok.class);
            client(bob).expectError(Recording.Start.ofCall(), ErrorCode.CONFLICT);
            client(bob).expect(new Recording.Stop(), Ok.class); // stops a channel recording, which bob has not

            assertThat(client(bob).events(Recording.State.class)).as("the call recording runs on")
                    .extracting(CallRecordingStateTest::ids).containsExactly(List.of(bob.control.id()));
        }
    }

    @Test
    void hangingUpEndsTheRecordingForBothSides() throws Exception {
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob")) {
            long callId = answeredCall(ann, bob);
            client(bob).expect(Recording.Start.ofCall(), Ok.class);
            awaitCallState(ann, callId, List.of(bob.control.id()));

            client(ann).expect(new Calls.Hangup(callId), Ok.class);

            awaitCallState(ann, callId, List.of());
            awaitCallState(bob, callId, List.of());
            long next = answeredCall(ann, bob);
            client(ann).expect(Recording.Start.ofCall(), Ok.class);
            assertThat(awaitCallState(bob, next, List.of(ann.control.id())).callId())
                    .as("the next call starts unrecorded").isNotEqualTo(callId);
        }
    }

    @Test
    void aRecorderWhoLeavesTheRoomEndsTheRecordingAndTheOtherSideIsTold() throws Exception {
        try (UdpSpeaker bob = speaker("bob")) {
            UdpSpeaker ann = speaker("ann");
            long callId = answeredCall(ann, bob);
            client(ann).expect(Recording.Start.ofCall(), Ok.class);
            awaitCallState(bob, callId, List.of(ann.control.id()));

            ann.close();

            awaitCallState(bob, callId, List.of());
            client(bob).awaitEvent(Calls.Changed.class, e -> e.callId() == callId && e.state() == CallState.ENDED);
        }
    }

    @Test
    void aChannelRecordingAndACallRecordingAreToldApart() throws Exception {
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob")) {
            long callId = answeredCall(ann, bob);

            client(ann).expect(new Recording.Start(), Ok.class);
            client(ann).expect(Recording.Start.ofCall(), Ok.class);
            awaitCallState(bob, callId, List.of(ann.control.id()));
            client(ann).expect(Recording.Stop.ofCall(), Ok.class);

            awaitCallState(bob, callId, List.of());
            Recording.State channel = client(bob).awaitEvent(Recording.State.class,
                    state -> !state.forCall() && ids(state).equals(List.of(ann.control.id())));
            assertThat(channel.callId()).isNull();
            client(ann).expect(new Recording.Stop(), Ok.class);
            client(bob).awaitEvent(Recording.State.class, state -> !state.forCall() && state.recorders().isEmpty());
        }
    }
}
