package dev.parley.client.core.net;

import static dev.parley.client.core.support.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.tls.Fingerprint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pinning the room's certificate: first contact, remembered trust, changed certificates, plain rooms. */
@Timeout(60)
class ServerTrustTest {
    @TempDir
    Path data;
    @TempDir
    Path userData;
    TestRoom room;
    Fingerprint roomFingerprint;
    final List<ControlClient> clients = new CopyOnWriteArrayList<>();

    /** Answers like a user would and counts how often it was asked. */
    static final class AskingUser implements FingerprintDecision {
        final List<FirstContact> asked = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<Boolean> answer = CompletableFuture.completedFuture(true);

        @Override
        public CompletionStage<Boolean> trust(FirstContact contact) {
            asked.add(contact);
            return answer;
        }
    }

    @BeforeEach
    void start() {
        room = TestRoom.start(data);
        roomFingerprint = room.server().fingerprint().orElseThrow();
    }

    @AfterEach
    void stop() {
        clients.forEach(ControlClient::close);
        room.close();
    }

    ControlClient client(URI address, ServerTrust trust) {
        ControlClient client = new ControlClient(address, Clients.FAST, trust);
        clients.add(client);
        return client;
    }

    ControlClient client(KnownServers known, FingerprintDecision decision) {
        return client(ControlClient.address("127.0.0.1", room.port()), new ServerTrust(known, decision));
    }

    static Credentials.Guest guest(String name) {
        return new Credentials.Guest(name, null);
    }

    @Test
    void pinnedRoomConnectsWithoutAsking() throws Exception {
        KnownServers known = KnownServers.inMemory();
        known.remember("127.0.0.1:" + room.port(), roomFingerprint);
        AskingUser user = new AskingUser();
        ControlClient client = client(known, user);

        Clients.signIn(client, guest("ann"));

        assertThat(user.asked).isEmpty();
        assertThat(client.secure()).isTrue();
        assertThat(client.serverFingerprint()).contains(roomFingerprint);
    }

    @Test
    void firstContactIsAskedOnceAndRemembered() throws Exception {
        Path file = userData.resolve(KnownServers.FILE);
        AskingUser user = new AskingUser();
        ControlClient client = client(KnownServers.at(file), user);

        Clients.signIn(client, new Credentials.Register("ann", PASSWORD, null));
        Clients.await(client.disconnect());
        Clients.signIn(client, new Credentials.Login("ann", PASSWORD));
        // Recorded, not polled: the room comes straight back, so RECONNECTING may last only a moment.
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        client.onStatus(status -> states.add(status.state()));
        room.restart();
        await().until(() -> states.contains(ConnectionState.RECONNECTING)
                && client.status().state() == ConnectionState.CONNECTED);

        assertThat(user.asked).containsExactly(new FingerprintDecision.FirstContact("127.0.0.1:" + room.port(), roomFingerprint));
        assertThat(KnownServers.at(file).lookup("127.0.0.1:" + room.port())).contains(roomFingerprint);
    }

    @Test
    void theUserMayTakeTheirTimeToAnswer() throws Exception {
        AskingUser user = new AskingUser();
        user.answer = new CompletableFuture<>();
        ControlClient client = client(KnownServers.inMemory(), user);

        CompletableFuture<?> signedIn = client.connect(guest("ann"));
        await().until(() -> client.status().reason() == ConnectionStatus.Reason.AWAITING_TRUST);
        assertThat(client.status().message()).contains(roomFingerprint.toString());
        assertThat(signedIn).isNotDone();

        user.answer.complete(true);
        Clients.await(signedIn);
        assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void declinedRoomIsNotJoinedNorRemembered() {
        KnownServers known = KnownServers.inMemory();
        AskingUser user = new AskingUser();
        user.answer = CompletableFuture.completedFuture(false);
        ControlClient client = client(known, user);

        assertThatThrownBy(() -> Clients.signIn(client, guest("ann"))).isInstanceOf(ExecutionException.class);

        assertThat(client.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(client.status().reason()).isEqualTo(ConnectionStatus.Reason.UNTRUSTED);
        assertThat(known.all()).isEmpty();
    }

    @Test
    void changedCertificateIsRefusedWithoutAsking(@TempDir Path otherRoom) throws Exception {
        Fingerprint other;
        try (TestRoom elsewhere = TestRoom.start(otherRoom)) {
            other = elsewhere.server().fingerprint().orElseThrow();
        }
        KnownServers known = KnownServers.inMemory();
        String key = "127.0.0.1:" + room.port();
        known.remember(key, other);
        AskingUser user = new AskingUser();
        ControlClient client = client(known, user);

        assertThatThrownBy(() -> Clients.signIn(client, guest("ann"))).isInstanceOf(ExecutionException.class);

        assertThat(client.status().reason()).isEqualTo(ConnectionStatus.Reason.FINGERPRINT_CHANGED);
        assertThat(client.status().message()).contains(roomFingerprint.toString(), other.toString());
        assertThat(user.asked).isEmpty();
        assertThat(known.lookup(key)).contains(other);
    }

    @Test
    void headlessTrustAcceptsOnlyTheFingerprintGiven(@TempDir Path otherRoom) throws Exception {
        ControlClient right = client(KnownServers.inMemory(), FingerprintDecision.trustOnly(roomFingerprint));
        Clients.signIn(right, guest("ann"));

        Fingerprint stranger;
        try (TestRoom elsewhere = TestRoom.start(otherRoom)) {
            stranger = elsewhere.server().fingerprint().orElseThrow();
        }
        ControlClient wrong = client(KnownServers.inMemory(), FingerprintDecision.trustOnly(stranger));
        assertThatThrownBy(() -> Clients.signIn(wrong, guest("bob"))).isInstanceOf(ExecutionException.class);
        assertThat(wrong.status().reason()).isEqualTo(ConnectionStatus.Reason.UNTRUSTED);
    }

    @Test
    void plainClientCannotTalkToATlsRoom() {
        ControlClient client = client(ControlClient.plainAddress("127.0.0.1", room.port()), Clients.firstUse());

        assertThatThrownBy(() -> Clients.signIn(client, guest("ann"))).isInstanceOf(ExecutionException.class);

        assertThat(client.status().reason()).isEqualTo(ConnectionStatus.Reason.UNREACHABLE);
    }

    @Test
    void tlsClientNeverFallsBackToPlain(@TempDir Path plainData) throws Exception {
        try (TestRoom plain = TestRoom.startPlain(plainData)) {
            // The plain room never answers a TLS hello; the client gives up after its opening deadline.
            ControlClient tls = new ControlClient(ControlClient.address("127.0.0.1", plain.port()),
                    Clients.FAST.withConnectTimeout(Duration.ofMillis(500)), Clients.firstUse());
            clients.add(tls);
            assertThatThrownBy(() -> Clients.signIn(tls, guest("ann"))).isInstanceOf(ExecutionException.class);
            assertThat(tls.status().reason()).isEqualTo(ConnectionStatus.Reason.UNREACHABLE);

            // Asked for explicitly, plain works, and so does voice: the host chose a plain room.
            ControlClient asked = client(ControlClient.plainAddress("127.0.0.1", plain.port()), Clients.firstUse());
            Clients.signIn(asked, guest("bob"));
            assertThat(asked.secure()).isFalse();
            assertThat(asked.serverFingerprint()).isEmpty();
            assertThat(plain.server().fingerprint()).isEmpty();
            assertThat(Clients.await(asked.request(new Voice.Start(), Voice.Ready.class)).sessionId()).isPositive();
        }
    }

    @Test
    void knownServersSurviveAReload() {
        Path file = userData.resolve("nested").resolve(KnownServers.FILE);
        KnownServers known = KnownServers.at(file);
        known.remember("room.lan:7720", roomFingerprint);
        known.remember("other.lan:7720", roomFingerprint);
        known.forget("other.lan:7720");

        assertThat(KnownServers.at(file).all()).containsOnlyKeys("room.lan:7720");
        assertThat(KnownServers.key(URI.create("wss://Room.LAN:7720/"))).isEqualTo("room.lan:7720");
    }
}
