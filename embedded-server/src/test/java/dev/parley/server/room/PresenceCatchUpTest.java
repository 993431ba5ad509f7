package dev.parley.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Decoded;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.StalledClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that stops reading in a busy room: presence news for it waits in the room as one number,
 * not as frames, and when it reads again it learns how everyone is by then.
 */
@Timeout(120)
class PresenceCatchUpTest {
    private static final long LOBBY = 1;
    private static final ControlCodec CODEC = new ControlCodec();

    @TempDir
    Path data;

    @Test
    void aStalledReaderMissesAPresenceStormWithoutItPilingUpAndThenLearnsHowEveryoneIs() throws Exception {
        ServerConfig config = Rooms.config(data).outboundLimit(100_000, 8L * 1024 * 1024).requestRate(5000, 5000)
                .heartbeat(Duration.ofSeconds(120)).build();
        try (ParleyServer server = ParleyServer.start(config); SignedIn ann = Rooms.register(server, "ann");
             SignedIn bob = Rooms.register(server, "bob"); SignedIn dave = Rooms.register(server, "dave")) {
            StalledClient stalled = new StalledClient(server.port());
            stalled.signInAsGuest("sleepy");
            long sleepy = bob.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().user().name().equals("sleepy")).user().id();

            // Chat (which is never held back) until more waits for the stalled reader than the kernel
            // holds: then the next presence change finds it lagging, and from there on it is behind.
            String big = "🎉".repeat(Limits.MAX_MESSAGE_TEXT / 2);
            int posted = 0;
            boolean stalledIsBehind = false;
            while (!stalledIsBehind && posted < 2000) {
                ann.client().expect(new Chat.Send(LOBBY, null, big, "fill-" + posted, null), Chat.Sent.class);
                posted++;
                if (posted % 8 == 0) {
                    dave.client().expect(new Session.SetPresence(Presence.BUSY), Ok.class);
                    dave.client().expect(new Session.SetPresence(Presence.ONLINE), Ok.class);
                }
                // On a loaded machine a live reader (ann, bob, dave) can lag for a moment too; it catches up,
                // the stalled one cannot: it is behind when exactly one reader stays behind.
                stalledIsBehind = metric(server, "parley_presence_readers_behind") >= 1 && settlesAtOneBehind(server);
            }
            assertThat(metric(server, "parley_presence_readers_behind")).isEqualTo(1);
            int filled = posted;
            await().until(() -> bob.client().events(Chat.Posted.class).size() == filled);
            double queuedBeforeStorm = steadyQueuedBytes(server);

            // The storm: guests come and go, ann flips between away and online, dave turns invisible.
            List<Long> guests = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                try (SignedIn guest = Rooms.guest(server, "visitor" + i)) {
                    guests.add(guest.id());
                }
            }
            for (int i = 0; i < 100; i++) {
                ann.client().expect(new Session.SetPresence(Presence.AWAY), Ok.class);
                ann.client().expect(new Session.SetPresence(Presence.ONLINE), Ok.class);
            }
            dave.client().expect(new Session.SetPresence(Presence.INVISIBLE), Ok.class);
            // Leaves are handled as the room learns of each closed connection, not necessarily in order.
            await().until(() -> guests.stream().allMatch(guest -> {
                UserState last = lastStates(bob.client().events(Users.StateChanged.class)).get(guest);
                return last != null && last.presence() == Presence.OFFLINE;
            }));
            await().until(() -> bob.client().events(Users.StateChanged.class).stream()
                    .anyMatch(e -> e.user().id() == dave.id() && e.user().presence() == Presence.OFFLINE));
            int stormFramesToBob = bob.client().events(Users.StateChanged.class).size()
                    + bob.client().events(Users.Moved.class).size();

            assertThat(settlesAtOneBehind(server)).as("only the stalled reader stays behind").isTrue();
            // What bob read live would have been about 20 KB more for the stalled reader; it got nothing.
            assertThat(stormFramesToBob).isGreaterThan(300);
            assertThat(steadyQueuedBytes(server)).isLessThanOrEqualTo(queuedBeforeStorm);

            Map<Long, UserState> truth = lastStates(bob.client().events(Users.StateChanged.class));
            truth.remove(sleepy);
            stalled.release();
            // Until the last catch-up round has been read; a guest's "online" read before the reader
            // fell behind must by then have been followed by its "offline".
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(metric(server, "parley_presence_readers_behind")).isZero();
                Map<Long, UserState> learned = lastStates(stateEvents(stalled));
                for (long guest : guests) {
                    assertThat(learned.get(guest)).as("guest %d", guest).isEqualTo(truth.get(guest));
                    assertThat(learned.get(guest).presence()).isEqualTo(Presence.OFFLINE);
                }
                assertThat(learned.get(ann.id())).isEqualTo(truth.get(ann.id()));
                assertThat(learned.get(ann.id()).presence()).isEqualTo(Presence.ONLINE);
                // Invisible looks offline, with the "last seen" bob was shown: nothing more.
                assertThat(learned.get(dave.id())).isEqualTo(truth.get(dave.id()));
            });
            long annStates = stateEvents(stalled).stream().filter(state -> state.id() == ann.id()).count();
            assertThat(annStates).isLessThanOrEqualTo(2);

            // And it is live again: the next change reaches it as it happens.
            ann.client().expect(new Session.SetPresence(Presence.BUSY), Ok.class);
            await().until(() -> stateEvents(stalled).stream()
                    .anyMatch(state -> state.id() == ann.id() && state.presence() == Presence.BUSY));
            stalled.close();
        }
    }

    /** Whether the count of readers behind on presence comes to exactly one within a few seconds. */
    private static boolean settlesAtOneBehind(ParleyServer server) {
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> metric(server, "parley_presence_readers_behind") == 1);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** The room's unread bytes once two of its measurements (every 250 ms) agree. */
    private static double steadyQueuedBytes(ParleyServer server) {
        double[] last = {Double.NaN};
        await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> {
            double now = metric(server, "parley_outbound_queued_bytes");
            boolean steady = now == last[0];
            last[0] = now;
            return steady;
        });
        return last[0];
    }

    private static double metric(ParleyServer server, String name) {
        return server.metrics().value(name);
    }

    private static List<UserState> stateEvents(StalledClient client) {
        List<UserState> states = new ArrayList<>();
        for (String frame : client.received()) {
            if (CODEC.decode(frame) instanceof Decoded.Valid valid
                    && valid.envelope().payload() instanceof Users.StateChanged changed) {
                states.add(changed.user());
            }
        }
        return states;
    }

    private static Map<Long, UserState> lastStates(List<?> events) {
        Map<Long, UserState> last = new HashMap<>();
        for (Object event : events) {
            UserState state = event instanceof Users.StateChanged changed ? changed.user() : (UserState) event;
            last.put(state.id(), state);
        }
        return last;
    }
}
