package dev.parley.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Whisper and shout against a real room with real UDP: voice.target, target-flagged audio, talking events. */
@Timeout(60)
class WhisperTest {
    @TempDir
    Path data;
    ParleyServer server;

    @BeforeEach
    void start() {
        server = Rooms.start(data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    UdpSpeaker speaker(String name) throws Exception {
        return new UdpSpeaker(Rooms.register(server, name));
    }

    long channel(UdpSpeaker creator, Long parent, String name) throws Exception {
        return creator.control.client().expect(new Channels.Create(parent, name, null, null, null),
                Channels.Created.class).channel().id();
    }

    @Test
    void aWhisperReachesTheNamedUserInAnotherChannelAndNobodyElse() throws Exception {
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob"); UdpSpeaker cat = speaker("cat")) {
            long games = channel(ann, null, "Games");
            cat.control.client().expect(new Channels.Join(games, null), Ok.class);
            ann.control.client().expect(new Voice.SetTarget(1, List.of(cat.control.id()), null, null), Ok.class);

            ann.speakTo(1, new byte[] {7, 7}, false);

            AudioFrame heard = cat.receiveAudio();
            assertThat(heard).as("cat, in another channel, hears the whisper").isNotNull();
            assertThat(heard.payload()).containsExactly(7, 7);
            assertThat(heard.target()).as("and sees it was a whisper").isEqualTo(1);
            assertThat(bob.receiveAudio()).as("bob, in ann's channel, does not").isNull();
            Voice.Talking told = cat.control.client().awaitEvent(Voice.Talking.class,
                    e -> e.userId() == ann.control.id() && e.talking());
            assertThat(told.whispered()).isTrue();

            ann.speak(new byte[] {1}, false);
            Voice.Talking toBob = bob.control.client().awaitEvent(Voice.Talking.class,
                    e -> e.userId() == ann.control.id() && e.talking());
            assertThat(toBob.whispered()).as("bob's first talking event for ann is her talk to the channel").isFalse();
            assertThat(bob.receiveAudio().payload()).containsExactly(1);
        }
    }

    @Test
    void changingTargetWithinASpurtEndsItForTheFirstAudience() throws Exception {
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob"); UdpSpeaker cat = speaker("cat")) {
            long games = channel(ann, null, "Games");
            cat.control.client().expect(new Channels.Join(games, null), Ok.class);
            ann.control.client().expect(new Voice.SetTarget(1, List.of(cat.control.id()), null, null), Ok.class);
            ann.speak(new byte[] {1}, false);
            bob.control.client().awaitEvent(Voice.Talking.class, e -> e.userId() == ann.control.id() && e.talking());

            ann.speakTo(1, new byte[] {2}, false);

            bob.control.client().awaitEvent(Voice.Talking.class, e -> e.userId() == ann.control.id() && !e.talking());
            cat.control.client().awaitEvent(Voice.Talking.class,
                    e -> e.userId() == ann.control.id() && e.talking() && e.whispered());
            ann.speakTo(1, new byte[0], true);
            cat.control.client().awaitEvent(Voice.Talking.class,
                    e -> e.userId() == ann.control.id() && !e.talking() && e.whispered());
        }
    }

    @Test
    void aShoutReachesAChannelAndItsSubChannelsWhoeverEntersLater() throws Exception {
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob"); UdpSpeaker cat = speaker("cat");
                UdpSpeaker dan = speaker("dan")) {
            long games = channel(ann, null, "Games");
            long chess = channel(ann, games, "Chess");
            long music = channel(ann, null, "Music");
            bob.control.client().expect(new Channels.Join(games, null), Ok.class);
            dan.control.client().expect(new Channels.Join(music, null), Ok.class);
            ann.control.client().expect(new Voice.SetTarget(2, null, games, true), Ok.class);
            cat.control.client().expect(new Channels.Join(chess, null), Ok.class);

            ann.speakTo(2, new byte[] {5}, false);

            assertThat(bob.receiveAudio()).as("bob in Games").isNotNull();
            assertThat(cat.receiveAudio()).as("cat, who entered Chess after the target was set").isNotNull();
            assertThat(dan.receiveAudio()).as("dan in Music").isNull();
        }
    }

    @Test
    void talkToATargetNumberThatIsNotRegisteredIsDropped() throws Exception {
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob")) {
            ann.control.client().expect(new Voice.SetTarget(3, List.of(bob.control.id()), null, null), Ok.class);
            ann.control.client().expect(new Voice.SetTarget(3, null, null, null), Ok.class);

            ann.speakTo(3, new byte[] {1}, false);
            ann.speakTo(4, new byte[] {2}, false);

            assertThat(bob.receiveAudio()).as("a cleared target and one never set reach nobody").isNull();
        }
    }

    @Test
    void aWhisperFollowsTheDirectMessageRulesAndStopsWhenPrivacyTightens() throws Exception {
        try (UdpSpeaker ann = speaker("ann"); UdpSpeaker bob = speaker("bob"); UdpSpeaker cat = speaker("cat")) {
            cat.control.client().expect(new Friends.SetPrivacy(true, null), Friends.Privacy.class);
            ann.control.client().expectError(new Voice.SetTarget(1, List.of(cat.control.id()), null, null),
                    ErrorCode.FRIENDS_ONLY);
            ann.control.client().expect(new Voice.SetTarget(1, List.of(bob.control.id()), null, null), Ok.class);
            ann.speakTo(1, new byte[] {1}, false);
            assertThat(bob.receiveAudio()).as("bob accepts whispers from anyone").isNotNull();

            bob.control.client().expect(new Friends.SetPrivacy(true, null), Friends.Privacy.class);
            ann.speakTo(1, new byte[] {2}, false);

            assertThat(bob.receiveAudio()).as("after bob turns to friends only, ann's whisper no longer reaches him")
                    .isNull();
        }
    }

    @Test
    void shoutingNeedsSpeakInTheTargetChannelAndAChannelOneMaySee() throws Exception {
        try (UdpSpeaker admin = speaker("admin"); UdpSpeaker bob = speaker("bob")) {
            long stage = channel(admin, null, "Stage");
            long vault = channel(admin, null, "Vault");
            admin.control.client().expect(new Channels.SetPermission(stage, Role.MEMBER, Permission.SPEAK, false), Ok.class);
            admin.control.client().expect(new Channels.SetPermission(vault, Role.MEMBER, Permission.ENTER, false), Ok.class);

            bob.control.client().expectError(new Voice.SetTarget(1, null, stage, null), ErrorCode.FORBIDDEN);
            bob.control.client().expectError(new Voice.SetTarget(1, null, vault, null), ErrorCode.NOT_FOUND);
            bob.control.client().expectError(new Voice.SetTarget(1, List.of(999L), null, null), ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void losingSpeakInAShoutedChannelTakesItOutOfTheTarget() throws Exception {
        try (UdpSpeaker admin = speaker("admin"); UdpSpeaker bob = speaker("bob"); UdpSpeaker cat = speaker("cat")) {
            long stage = channel(admin, null, "Stage");
            cat.control.client().expect(new Channels.Join(stage, null), Ok.class);
            bob.control.client().expect(new Voice.SetTarget(1, null, stage, null), Ok.class);
            bob.speakTo(1, new byte[] {1}, false);
            assertThat(cat.receiveAudio()).isNotNull();

            admin.control.client().expect(new Channels.SetPermission(stage, Role.MEMBER, Permission.SPEAK, false), Ok.class);
            bob.speakTo(1, new byte[] {2}, false);

            assertThat(cat.receiveAudio()).isNull();
        }
    }

    @Test
    void aTargetNeedsVoiceAndANumberFromOneToThirty() throws Exception {
        try (var ann = Rooms.register(server, "ann")) {
            ann.client().expectError(new Voice.SetTarget(1, List.of(2L), null, null), ErrorCode.VOICE_REQUIRED);
            ann.client().sendRaw("{\"type\":\"voice.target\",\"id\":\"9\",\"payload\":{\"target\":31,\"users\":[2]}}");
            assertThat(ann.client().awaitReply("9")).isInstanceOfSatisfying(ErrorReply.class,
                    error -> assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD));
        }
    }
}
