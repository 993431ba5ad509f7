package dev.parley.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Notify;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.NotifyLevel;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Notification settings over the real protocol, stored in the room's real database; one room for the class. */
@Timeout(120)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class NotifySettingsTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final long IN_AN_HOUR = System.currentTimeMillis() + 3_600_000;
    @TempDir
    static Path data;
    static ParleyServer server;
    static SignedIn admin;
    static ChannelInfo staff;

    @BeforeAll
    static void room() throws Exception {
        server = start();
        admin = Rooms.register(server, "admin");
        staff = admin.client().expect(new Channels.Create(null, "Staff", "", null, null), Channels.Created.class).channel();
        admin.client().expect(new Channels.SetPermission(staff.id(), Role.MEMBER, Permission.ENTER, false), Ok.class);
    }

    @AfterAll
    static void close() {
        admin.close();
        server.close();
    }

    private static ParleyServer start() {
        return ParleyServer.start(Rooms.config(data)
                .registrationRate(100, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)).build());
    }

    @Test
    void settingsAreStoredPerConversationAndListed() throws Exception {
        try (SignedIn ann = user("ann"); SignedIn bob = user("bob")) {
            assertThat(list(ann)).isEmpty();

            set(ann, new Notify.Set(1L, null, NotifyLevel.NOTHING, null));
            set(ann, new Notify.Set(null, bob.id(), null, IN_AN_HOUR));
            List<Notify.Entry> all = set(ann, new Notify.Set(null, null, NotifyLevel.ALL, Notify.FOREVER));

            assertThat(all).containsExactly(new Notify.Entry(null, null, NotifyLevel.ALL, Notify.FOREVER),
                    new Notify.Entry(1L, null, NotifyLevel.NOTHING, null),
                    new Notify.Entry(null, bob.id(), null, IN_AN_HOUR));
            assertThat(list(ann)).isEqualTo(all);

            // Replacing: the new setting is the whole setting; an empty one forgets the conversation.
            set(ann, new Notify.Set(1L, null, NotifyLevel.MENTIONS, null));
            assertThat(set(ann, new Notify.Set(null, bob.id(), null, null)))
                    .containsExactly(new Notify.Entry(null, null, NotifyLevel.ALL, Notify.FOREVER),
                            new Notify.Entry(1L, null, NotifyLevel.MENTIONS, null));
        }
    }

    @Test
    void aMuteThatHasAlreadyEndedIsNoMute() throws Exception {
        try (SignedIn ann = user("ann")) {
            assertThat(set(ann, new Notify.Set(1L, null, NotifyLevel.ALL, 1_000L)))
                    .containsExactly(new Notify.Entry(1L, null, NotifyLevel.ALL, null));
            assertThat(set(ann, new Notify.Set(1L, null, null, 1_000L))).isEmpty();
        }
    }

    @Test
    void anotherUsersSettingsAreInvisible() throws Exception {
        try (SignedIn ann = user("ann"); SignedIn bob = user("bob")) {
            set(ann, new Notify.Set(1L, null, NotifyLevel.NOTHING, IN_AN_HOUR));
            set(bob, new Notify.Set(1L, null, NotifyLevel.MENTIONS, null));

            assertThat(list(bob)).containsExactly(new Notify.Entry(1L, null, NotifyLevel.MENTIONS, null));
            assertThat(list(ann)).containsExactly(new Notify.Entry(1L, null, NotifyLevel.NOTHING, IN_AN_HOUR));
        }
    }

    @Test
    void conversationsTheUserMayNotReadAreRefused() throws Exception {
        try (SignedIn ann = user("ann")) {
            assertThat(ann.client().expectError(new Notify.Set(staff.id(), null, NotifyLevel.ALL, null),
                    ErrorCode.FORBIDDEN).message()).contains("may not read");
            assertThat(ann.client().expectError(new Notify.Set(999_999L, null, NotifyLevel.ALL, null),
                    ErrorCode.NOT_FOUND).message()).contains("no channel");
            assertThat(ann.client().expectError(new Notify.Set(null, 999_999L, NotifyLevel.ALL, null),
                    ErrorCode.NOT_FOUND).message()).contains("no account");
            ann.client().expectError(new Notify.Set(null, ann.id(), NotifyLevel.ALL, null), ErrorCode.CONFLICT);
            assertThat(list(ann)).isEmpty();
        }
    }

    @Test
    void aChannelHiddenLaterDropsOutOfTheList() throws Exception {
        ChannelInfo club = admin.client().expect(new Channels.Create(null, "Club" + NAMES.incrementAndGet(), "", null, null),
                Channels.Created.class).channel();
        try (SignedIn ann = user("ann")) {
            set(ann, new Notify.Set(club.id(), null, NotifyLevel.NOTHING, null));
            admin.client().expect(new Channels.SetPermission(club.id(), Role.MEMBER, Permission.ENTER, false), Ok.class);

            assertThat(list(ann)).isEmpty();
        }
    }

    @Test
    void badInputGetsAClearErrorAndChangesNothing() throws Exception {
        try (SignedIn ann = user("ann"); SignedIn guest = Rooms.guest(server, "visitor" + NAMES.incrementAndGet())) {
            set(ann, new Notify.Set(1L, null, NotifyLevel.MENTIONS, null));
            ann.client().sendRaw("{\"type\":\"notify.set\",\"id\":\"b1\",\"payload\":{\"channelId\":1,\"level\":\"loud\"}}");
            ann.client().sendRaw("{\"type\":\"notify.set\",\"id\":\"b2\",\"payload\":{\"channelId\":1,\"userId\":2}}");
            ann.client().sendRaw("{\"type\":\"notify.set\",\"id\":\"b3\",\"payload\":{\"channelId\":1,\"mutedUntil\":"
                    + (Notify.FOREVER + 1) + "}}");
            ann.client().sendRaw("{\"type\":\"notify.set\",\"id\":\"b4\",\"payload\":{\"channelId\":-4}}");
            for (String id : List.of("b1", "b2", "b3", "b4")) {
                assertThat(ann.client().awaitReply(id)).isInstanceOfSatisfying(
                        dev.parley.protocol.control.message.ErrorReply.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD));
            }
            assertThat(list(ann)).containsExactly(new Notify.Entry(1L, null, NotifyLevel.MENTIONS, null));

            assertThat(guest.client().expectError(new Notify.Set(1L, null, NotifyLevel.NOTHING, null),
                    ErrorCode.FORBIDDEN).message()).contains("register");
            guest.client().expectError(new Notify.ListSettings(), ErrorCode.FORBIDDEN);
        }
    }

    /** Last: it restarts the class's room. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void settingsSurviveARoomRestart() throws Exception {
        String name = "carl" + NAMES.incrementAndGet();
        long dave;
        try (SignedIn carl = Rooms.register(server, name); SignedIn d = user("dave")) {
            dave = d.id();
            set(carl, new Notify.Set(1L, null, NotifyLevel.NOTHING, IN_AN_HOUR));
            set(carl, new Notify.Set(null, dave, NotifyLevel.MENTIONS, Notify.FOREVER));
        }
        admin.close();
        server.close();
        server = start();
        admin = Rooms.login(server, "admin");
        try (SignedIn carl = Rooms.login(server, name)) {
            assertThat(list(carl)).containsExactly(new Notify.Entry(1L, null, NotifyLevel.NOTHING, IN_AN_HOUR),
                    new Notify.Entry(null, dave, NotifyLevel.MENTIONS, Notify.FOREVER));
        }
    }

    private static List<Notify.Entry> set(SignedIn user, Notify.Set request) throws InterruptedException {
        return user.client().expect(request, Notify.Settings.class).settings();
    }

    private static List<Notify.Entry> list(SignedIn user) throws InterruptedException {
        return user.client().expect(new Notify.ListSettings(), Notify.Settings.class).settings();
    }

    private static SignedIn user(String prefix) throws InterruptedException {
        return Rooms.register(server, prefix + NAMES.incrementAndGet());
    }
}
