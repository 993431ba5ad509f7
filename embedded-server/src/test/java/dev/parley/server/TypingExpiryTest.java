package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Ok;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 11: a typing indicator refreshed without a new event must still end. */
@Timeout(60)
class TypingExpiryTest {
    static final long LOBBY = 1;
    /**
     * Long enough that on a loaded machine the refresh still reaches the room within the first half
     * of the indicator's life (a later refresh is announced again, which is another scenario).
     */
    static final Duration EXPIRY = Duration.ofMillis(4_000);

    @TempDir
    Path data;

    @Test
    void anIndicatorRefreshedQuietlyStillEndsWithActiveFalse() throws Exception {
        try (ParleyServer server = ParleyServer.start(Rooms.config(data).typingExpiry(EXPIRY).build());
             SignedIn ann = Rooms.register(server, "ann"); SignedIn bob = Rooms.register(server, "bob")) {
            bob.client().expect(new Chat.Typing(LOBBY, null), Ok.class);

            // Bob pauses (this is the scenario, not a wait for something), then types on: a refresh
            // within the first half of the indicator's life sends no event, and the old server then
            // lost track of the expiry for good. The pause starts at bob's answer, not when ann hears
            // of it, so her delivery delay does not push the refresh towards the half-life.
            await().pollDelay(EXPIRY.dividedBy(4)).atMost(EXPIRY).until(() -> true);
            // Taken before the refresh is sent: the room sets the new expiry after this instant however
            // slowly the request travels (taken after the answer, a late answer failed the bound below).
            long lastTyped = System.nanoTime();
            bob.client().expect(new Chat.Typing(LOBBY, null), Ok.class);
            ann.client().awaitEvent(Chat.TypingChanged.class, Chat.TypingChanged::active);

            Chat.TypingChanged ended = ann.client().awaitEvent(Chat.TypingChanged.class, e -> !e.active());
            assertThat(ann.client().events(Chat.TypingChanged.class)).hasSize(2);
            assertThat(ended.userId()).isEqualTo(bob.id());
            assertThat(ended.expiresInMs()).isZero();
            // It ended because the last refresh ran out, not at the first request's expiry.
            long endedAt = ann.client().eventTimes(Chat.TypingChanged.class).stream()
                    .filter(timed -> !timed.event().active()).findFirst().orElseThrow().nanos();
            assertThat(endedAt - lastTyped).isGreaterThanOrEqualTo(EXPIRY.toNanos() - Duration.ofMillis(50).toNanos());
        }
    }
}
