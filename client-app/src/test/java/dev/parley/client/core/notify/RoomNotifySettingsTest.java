package dev.parley.client.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Notify;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.NotifyLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a message notifies follows my settings, kept in a real room: levels, mutes and their end by
 * the injected clock (moved by hand, never slept on), the room default, and the same settings on a
 * second machine. One room for the class.
 */
@Timeout(60)
class RoomNotifySettingsTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final long BOB = 1_000_001L;
    private static final long START = 1_800_000_000_000L;
    @TempDir
    static Path data;
    static TestRoom room;
    /** Another account, registered once (hashing a password is the slow part of these tests). */
    static long other;

    private final AtomicLong clock = new AtomicLong(START);

    @BeforeAll
    static void start() throws Exception {
        room = TestRoom.start(data);
        try (Member bob = member()) {
            other = bob.id();
        }
    }

    @AfterAll
    static void stop() {
        room.close();
    }

    @Test
    void withoutSettingsDirectMessagesNotifyAndChannelsOnlyOnAMention() throws Exception {
        try (Member ann = member(); RoomNotifySettings settings = settings(ann)) {
            long me = ann.id();
            assertThat(settings.shouldNotify(direct(me), me, false)).isTrue();
            assertThat(settings.shouldNotify(channel(1), me, false)).isFalse();
            assertThat(settings.shouldNotify(channel(1), me, true)).isTrue();
        }
    }

    @Test
    void levelsAndMutesDecideAndAMuteEndsWhenTheClockPassesIt() throws Exception {
        try (Member ann = member(); RoomNotifySettings settings = settings(ann)) {
            long me = ann.id();
            Clients.await(settings.setLevel(Conversation.channel(1), NotifyLevel.ALL));
            assertThat(settings.shouldNotify(channel(1), me, false)).isTrue();

            Clients.await(settings.setLevel(Conversation.channel(1), NotifyLevel.NOTHING));
            assertThat(settings.shouldNotify(channel(1), me, true)).as("nothing, even mentioned").isFalse();

            long peer = otherAccount();
            Clients.await(settings.mute(Conversation.direct(peer), clock.get() + Duration.ofMinutes(15).toMillis()));
            assertThat(settings.shouldNotify(directFrom(peer, me), me, true)).isFalse();
            assertThat(settings.current().quiet(Conversation.direct(peer), clock.get())).isTrue();

            clock.addAndGet(Duration.ofMinutes(15).toMillis() - 1);
            assertThat(settings.shouldNotify(directFrom(peer, me), me, false)).as("a moment before the end").isFalse();
            clock.addAndGet(1);
            assertThat(settings.shouldNotify(directFrom(peer, me), me, false)).as("the mute has ended").isTrue();
            assertThat(settings.current().nextChange(clock.get())).isEmpty();

            Clients.await(settings.setLevel(Conversation.direct(peer), NotifyLevel.MENTIONS));
            assertThat(settings.shouldNotify(directFrom(peer, me), me, false)).isFalse();
            assertThat(settings.shouldNotify(directFrom(peer, me), me, true)).isTrue();
        }
    }

    @Test
    void theRoomDefaultAppliesToChannelsNotToDirectMessagesAndItsMuteEnds() throws Exception {
        try (Member ann = member(); RoomNotifySettings settings = settings(ann)) {
            long me = ann.id();
            long peer = otherAccount();
            Clients.await(settings.set(null, NotifyLevel.ALL, clock.get() + Duration.ofHours(8).toMillis()));
            assertThat(settings.shouldNotify(channel(1), me, true)).as("the room is muted").isFalse();
            assertThat(settings.shouldNotify(directFrom(peer, me), me, false)).as("DMs are not").isTrue();
            assertThat(settings.current().nextChange(clock.get())).hasValue(clock.get() + Duration.ofHours(8).toMillis());

            clock.addAndGet(Duration.ofHours(8).toMillis());
            assertThat(settings.shouldNotify(channel(1), me, false)).as("room default all, mute over").isTrue();

            Clients.await(settings.setLevel(Conversation.channel(1), NotifyLevel.MENTIONS));
            assertThat(settings.shouldNotify(channel(1), me, false)).as("the channel's own level wins").isFalse();
        }
    }

    @Test
    void settingsFollowTheUserToAnotherMachine() throws Exception {
        String name = "ann" + NAMES.incrementAndGet();
        try (ControlClient first = Clients.registered(room.port(), name);
             RoomNotifySettings here = settings(new Member(first, 0))) {
            Clients.await(here.set(Conversation.channel(1), NotifyLevel.NOTHING, Notify.FOREVER));
        }
        try (ControlClient second = Clients.client(room.port()); RoomNotifySettings there = new RoomNotifySettings(second, clock::get)) {
            Clients.signIn(second, new Credentials.Login(name, Clients.PASSWORD));
            await().atMost(Duration.ofSeconds(10)).until(() -> !there.current().entries().isEmpty());
            assertThat(there.current().entries()).containsExactly(new Notify.Entry(1L, null, NotifyLevel.NOTHING, Notify.FOREVER));
            assertThat(there.current().muted(Conversation.channel(1), clock.get() + Duration.ofDays(3650).toMillis())).isTrue();
        }
    }

    @Test
    void aRefusedChangeIsUndoneAndSaysWhy() throws Exception {
        try (Member ann = member(); RoomNotifySettings settings = settings(ann)) {
            List<NotifySettings> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            settings.onChanged(seen::add);
            assertThatThrownBy(() -> Clients.await(settings.setLevel(Conversation.channel(999_999), NotifyLevel.NOTHING)))
                    .hasCauseInstanceOf(RequestFailed.class)
                    .cause().satisfies(e -> assertThat(((RequestFailed) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThat(settings.current()).isEqualTo(NotifySettings.DEFAULTS);
            assertThat(seen).last().isEqualTo(NotifySettings.DEFAULTS);
        }
    }

    @Test
    void aGuestKeepsSettingsForTheSessionOnly() throws Exception {
        try (ControlClient guest = Clients.client(room.port()); RoomNotifySettings settings = new RoomNotifySettings(guest, clock::get)) {
            long me = Clients.signIn(guest, new Credentials.Guest("visitor" + NAMES.incrementAndGet(), null)).self().id();
            Clients.await(settings.setLevel(Conversation.channel(1), NotifyLevel.NOTHING));
            assertThat(settings.shouldNotify(channel(1), me, true)).isFalse();
        }
    }

    /** A signed-in account: its client and its id. */
    private record Member(ControlClient client, long id) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    private static Member member() throws Exception {
        ControlClient client = Clients.client(room.port());
        long id = Clients.signIn(client, new Credentials.Register("ann" + NAMES.incrementAndGet(), Clients.PASSWORD, null))
                .self().id();
        return new Member(client, id);
    }

    /** Settings for a client that signed in before they existed, loaded as the app does. */
    private RoomNotifySettings settings(Member member) throws Exception {
        RoomNotifySettings settings = new RoomNotifySettings(member.client(), clock::get);
        Clients.await(settings.refresh(false));
        return settings;
    }

    private static long otherAccount() {
        return other;
    }

    private static ChatMessage channel(long channelId) {
        return new ChatMessage(7, START, channelId, null, BOB, "bob", "hello there", null, null, false, null, List.of());
    }

    private static ChatMessage direct(long me) {
        return directFrom(BOB, me);
    }

    private static ChatMessage directFrom(long peer, long me) {
        return new ChatMessage(8, START, null, me, peer, "bob", "psst", null, null, false, null, List.of());
    }
}
