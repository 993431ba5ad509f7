package dev.parley.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Calls;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.CallEnd;
import dev.parley.protocol.control.model.CallState;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.voice.UdpSpeaker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 1:1 calls against a real room: ringing, answers, the call's audio over real UDP, and how calls end. */
@Timeout(60)
class CallTest {
    @TempDir
    Path data;
    ParleyServer server;

    void start(Duration ringTimeout) {
        server = ParleyServer.start(Rooms.config(data).callRingTimeout(ringTimeout).build());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    UdpSpeaker speaker(String name) throws Exception {
        return new UdpSpeaker(Rooms.register(server, name));
    }

    static Calls.Changed awaitState(UdpSpeaker who, long callId, CallState state) {
        return who.control.client().awaitEvent(Calls.Changed.class, e -> e.callId() == callId && e.state() == state);
    }

    long ring(UdpSpeaker caller, UdpSpeaker callee) throws Exception {
        long callId = caller.control.client().expect(new Calls.Ring(callee.control.id()), Calls.Ringing.class).callId();
        assertThat(awaitState(caller, callId, CallState.RINGING).peer().id()).isEqualTo(callee.control.id());
        assertThat(awaitState(callee, callId, CallState.INCOMING).peer().id()).isEqualTo(caller.control.id());
        return callId;
    }

    @Test
    void anAnsweredCallIsHeardByTheOtherSideOnlyUntilSomeoneHangsUp() throws Exception {
        start(Duration.ofSeconds(30));
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob"); UdpSpeaker cat = speaker("cat")) {
            long callId = ring(ann, bob);
            bob.control.client().expect(new Calls.Accept(callId), Ok.class);
            awaitState(ann, callId, CallState.ACTIVE);
            awaitState(bob, callId, CallState.ACTIVE);

            ann.speakTo(AudioFrame.CALL_TARGET, new byte[] {1, 2}, false);
            AudioFrame heard = bob.receiveAudio();
            assertThat(heard).as("bob hears ann in the call").isNotNull();
            assertThat(heard.target()).isEqualTo(AudioFrame.CALL_TARGET);
            assertThat(cat.receiveAudio()).as("cat, in their channel, does not").isNull();
            assertThat(bob.control.client().awaitEvent(Voice.Talking.class,
                    e -> e.userId() == ann.control.id() && e.talking()).inCall()).isTrue();
            bob.speakTo(AudioFrame.CALL_TARGET, new byte[] {3}, false);
            assertThat(ann.receiveAudio().payload()).containsExactly(3);

            ann.control.client().expect(new Calls.Hangup(callId), Ok.class);

            assertThat(awaitState(bob, callId, CallState.ENDED).reason()).isEqualTo(CallEnd.ENDED);
            awaitState(ann, callId, CallState.ENDED);
            ann.speakTo(AudioFrame.CALL_TARGET, new byte[] {4}, false);
            assertThat(bob.receiveAudio()).as("after the call, nothing goes through it").isNull();
        }
    }

    @Test
    void aDeclinedCallTellsTheCallerAndLeavesNoEntry() throws Exception {
        start(Duration.ofSeconds(30));
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob")) {
            long callId = ring(ann, bob);

            bob.control.client().expect(new Calls.Decline(callId), Ok.class);

            assertThat(awaitState(ann, callId, CallState.ENDED).reason()).isEqualTo(CallEnd.DECLINED);
            assertThat(directMessages(bob, ann)).isEmpty();
        }
    }

    @Test
    void aCallNobodyAnswersIsMissedAndLeavesAnEntryInTheirDirectMessages() throws Exception {
        start(Duration.ofMillis(500));
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob")) {
            long callId = ring(ann, bob);

            assertThat(awaitState(bob, callId, CallState.ENDED).reason()).isEqualTo(CallEnd.MISSED);
            assertThat(awaitState(ann, callId, CallState.ENDED).reason()).isEqualTo(CallEnd.MISSED);
            Chat.Posted entry = bob.control.client().awaitEvent(Chat.Posted.class,
                    e -> e.message().authorId() == ann.control.id());
            assertThat(entry.message().text()).isEqualTo(CallService.MISSED_CALL_TEXT);
            assertThat(directMessages(bob, ann)).containsExactly(CallService.MISSED_CALL_TEXT);
        }
    }

    @Test
    void aCallerWhoHangsUpBeforeAnAnswerCancelsItAndTheCallIsMissed() throws Exception {
        start(Duration.ofSeconds(30));
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob")) {
            long callId = ring(ann, bob);

            ann.control.client().expect(new Calls.Hangup(callId), Ok.class);

            assertThat(awaitState(bob, callId, CallState.ENDED).reason()).isEqualTo(CallEnd.CANCELLED);
            bob.control.client().awaitEvent(Chat.Posted.class, e -> e.message().authorId() == ann.control.id());
            bob.control.client().expectError(new Calls.Accept(callId), ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void someoneInACallIsBusyForEveryoneElse() throws Exception {
        start(Duration.ofSeconds(30));
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob"); UdpSpeaker cat = speaker("cat")) {
            ring(ann, bob);

            cat.control.client().expectError(new Calls.Ring(bob.control.id()), ErrorCode.BUSY);
            cat.control.client().expectError(new Calls.Ring(ann.control.id()), ErrorCode.BUSY);
            ann.control.client().expectError(new Calls.Ring(cat.control.id()), ErrorCode.CONFLICT);
        }
    }

    @Test
    void leavingTheRoomEndsTheCallForTheOtherSide() throws Exception {
        start(Duration.ofSeconds(30));
        try (UdpSpeaker bob = speaker("bob")) {
            UdpSpeaker ann = speaker("ann");
            long callId = ring(ann, bob);
            bob.control.client().expect(new Calls.Accept(callId), Ok.class);
            awaitState(bob, callId, CallState.ACTIVE);

            ann.close();

            assertThat(awaitState(bob, callId, CallState.ENDED).reason()).isEqualTo(CallEnd.ENDED);
        }
    }

    @Test
    void guestsTheInvisibleAndThoseWithoutVoiceCannotBeRungOrRing() throws Exception {
        start(Duration.ofSeconds(30));
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob"); var guest = Rooms.guest(server, "gus");
                var dan = Rooms.register(server, "dan")) {
            guest.client().expect(new Voice.Start(), Voice.Ready.class);
            guest.client().expectError(new Calls.Ring(ann.control.id()), ErrorCode.FORBIDDEN);
            dan.client().expectError(new Calls.Ring(ann.control.id()), ErrorCode.VOICE_REQUIRED);
            ann.control.client().sendRaw("{\"type\":\"call.ring\",\"id\":\"g\",\"payload\":{\"userId\":" + guest.id() + "}}");
            assertThat(ann.control.client().awaitReply("g")).as("a guest's (negative) id cannot be rung")
                    .isInstanceOfSatisfying(ErrorReply.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
            bob.control.client().expect(new Session.SetPresence(Presence.INVISIBLE), Ok.class);
            ann.control.client().expectError(new Calls.Ring(bob.control.id()), ErrorCode.NOT_FOUND);
            ann.control.client().expectError(new Calls.Ring(ann.control.id()), ErrorCode.CONFLICT);
        }
    }

    private static java.util.List<String> directMessages(UdpSpeaker reader, UdpSpeaker peer) throws Exception {
        return reader.control.client().expect(new Chat.History(null, peer.control.id(), null, 50), Chat.Page.class)
                .messages().stream().map(message -> message.text()).toList();
    }
}
