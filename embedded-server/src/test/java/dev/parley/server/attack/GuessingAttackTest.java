package dev.parley.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Reply;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 item 2, played as the attacker: guesses pipelined from many connections at one address
 * (127.0.0.66 and friends; genuine people come from 127.0.0.1). Each secret must be checked only a few
 * times, and genuine people must still get in at once.
 */
@Timeout(120)
class GuessingAttackTest {
    private static final Logger log = LoggerFactory.getLogger(GuessingAttackTest.class);
    private static final int CONNECTIONS = 8;
    private static final int PIPELINED = 10;
    /** Free failures per secret and address before the first wait. */
    private static final int FEW = 3;

    @TempDir
    Path data;

    /** Sends {@code PIPELINED} requests on each of the connections without waiting, then collects every reply. */
    private static List<Reply> pipeline(List<TestClient> attackers, Function<Integer, Request> guess) throws Exception {
        List<List<String>> ids = new ArrayList<>();
        for (TestClient attacker : attackers) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < PIPELINED; i++) {
                sent.add(attacker.send(guess.apply(i)));
            }
            ids.add(sent);
        }
        List<Reply> replies = new ArrayList<>();
        for (int c = 0; c < attackers.size(); c++) {
            for (String id : ids.get(c)) {
                replies.add(attackers.get(c).awaitReply(id));
            }
        }
        return replies;
    }

    private static long count(List<Reply> replies, ErrorCode code) {
        return replies.stream().filter(r -> r instanceof ErrorReply e && e.code() == code).count();
    }

    private static List<TestClient> attackers(ParleyServer server, int count) throws Exception {
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(TestClient.helloFrom("127.0.0.66", server.port()));
        }
        return clients;
    }

    @Test
    void pipelinedGuessesAtAnAccountAreCheckedOnlyAFewTimesAndItsOwnerStillGetsIn() throws Exception {
        try (ParleyServer server = Rooms.start(data)) {
            Rooms.register(server, "ann").close();
            Rooms.register(server, "bob").close();
            List<TestClient> attackers = attackers(server, CONNECTIONS);

            long start = System.nanoTime();
            List<Reply> replies = pipeline(attackers, i -> new Session.Login("ann", "guess " + i));
            double seconds = (System.nanoTime() - start) / 1e9;
            long checked = count(replies, ErrorCode.BAD_CREDENTIALS);
            log.info("FIGURE login: {} of {} pipelined guesses checked in {} s", checked, replies.size(), seconds);

            assertThat(checked).as("guesses actually checked").isLessThanOrEqualTo(FEW);
            assertThat(count(replies, ErrorCode.RATE_LIMITED)).isEqualTo(replies.size() - checked);
            // Genuine people, during the attack: ann at home, bob anywhere.
            long t0 = System.nanoTime();
            try (SignedIn ann = Rooms.login(server, "ann"); SignedIn bob = Rooms.login(server, "bob")) {
                log.info("FIGURE login: two genuine sign-ins right after the attack took {} ms",
                        (System.nanoTime() - t0) / 1_000_000);
                assertThat(ann.auth().self().name()).isEqualTo("ann");
            }
            attackers.forEach(TestClient::close);
        }
    }

    @Test
    void theRoomPasswordIsThrottledLikeAnAccountPassword() throws Exception {
        try (ParleyServer server = ParleyServer.start(Rooms.config(data).serverPassword("members only").build())) {
            List<TestClient> attackers = attackers(server, CONNECTIONS);

            List<Reply> replies = pipeline(attackers, i -> new Session.GuestJoin("g" + i, "guess " + i));
            long checked = count(replies, ErrorCode.SERVER_PASSWORD);
            log.info("FIGURE room password: {} of {} pipelined guesses checked", checked, replies.size());

            assertThat(checked).isLessThanOrEqualTo(FEW);
            try (TestClient friend = TestClient.hello(server.port())) {
                friend.expect(new Session.GuestJoin("friend", "members only"), Session.AuthOk.class);
            }
            attackers.forEach(TestClient::close);
        }
    }

    @Test
    void channelPasswordsAreThrottled() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn admin = Rooms.register(server, "admin")) {
            long vault = admin.client().expect(new Channels.Create(null, "vault", null, null, "open sesame"),
                    Channels.Created.class).channel().id();
            List<TestClient> attackers = attackers(server, 4);
            for (int i = 0; i < attackers.size(); i++) {
                attackers.get(i).expect(new Session.GuestJoin("snoop" + i, null), Session.AuthOk.class);
            }

            List<Reply> replies = pipeline(attackers, i -> new Channels.Join(vault, "guess " + i));
            long checked = count(replies, ErrorCode.CHANNEL_PASSWORD);
            log.info("FIGURE channel password: {} of {} pipelined guesses checked", checked, replies.size());

            assertThat(checked).isLessThanOrEqualTo(FEW);
            attackers.forEach(TestClient::close);
        }
    }

    @Test
    void anUnknownNameTakesAsLongToRefuseAsAWrongPassword() throws Exception {
        int samples = 9;
        try (ParleyServer server = Rooms.start(data)) {
            for (int i = 0; i < samples; i++) {
                Rooms.register(server, "known" + i).close();
            }
            List<Long> known = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                // A fresh address each round keeps the throttle out of the measurement.
                try (TestClient prober = TestClient.helloFrom("127.0.1." + (i + 1), server.port())) {
                    long t0 = System.nanoTime();
                    prober.expectError(new Session.Login("known" + i, "wrong password"), ErrorCode.BAD_CREDENTIALS);
                    long t1 = System.nanoTime();
                    prober.expectError(new Session.Login("nobody" + i, "wrong password"), ErrorCode.BAD_CREDENTIALS);
                    long t2 = System.nanoTime();
                    known.add(t1 - t0);
                    unknown.add(t2 - t1);
                }
            }
            long knownMedian = median(known);
            long unknownMedian = median(unknown);
            log.info("FIGURE timing: median refusal {} µs for a known name, {} µs for an unknown one",
                    knownMedian / 1000, unknownMedian / 1000);

            assertThat(unknownMedian).as("an unknown name must not answer measurably faster")
                    .isGreaterThan(knownMedian / 2);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
