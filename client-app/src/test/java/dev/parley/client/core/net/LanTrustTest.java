package dev.parley.client.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.tls.Fingerprint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room chosen from the LAN list, with the fingerprint it announced: trusted without a question when
 * the handshake shows that certificate; asked about as usual when it shows another; and never a way
 * around a pin the user already has.
 */
@Timeout(60)
class LanTrustTest {
    @TempDir
    Path data;
    TestRoom room;
    Fingerprint real;
    final List<ControlClient> clients = new CopyOnWriteArrayList<>();
    final List<FingerprintDecision.FirstContact> asked = new CopyOnWriteArrayList<>();
    /** The user, who says no and is counted. */
    final FingerprintDecision user = contact -> {
        asked.add(contact);
        return CompletableFuture.completedFuture(false);
    };

    @BeforeEach
    void start() {
        room = TestRoom.start(data);
        real = room.server().fingerprint().orElseThrow();
    }

    @AfterEach
    void stop() {
        clients.forEach(ControlClient::close);
        room.close();
    }

    private ControlClient client(KnownServers known, FingerprintDecision decision) {
        ControlClient client = new ControlClient(ControlClient.address("127.0.0.1", room.port()), Clients.FAST,
                new ServerTrust(known, decision));
        clients.add(client);
        return client;
    }

    @Test
    void theAnnouncedCertificateIsTrustedWithoutAQuestionAndPinned() throws Exception {
        KnownServers known = KnownServers.inMemory();
        ControlClient client = client(known, FingerprintDecision.announcedOnLan(real, user));

        Clients.signIn(client, new Credentials.Guest("ann", null));

        assertThat(asked).isEmpty();
        assertThat(known.lookup("127.0.0.1:" + room.port())).contains(real);
    }

    @Test
    void anotherCertificateThanAnnouncedIsAskedAboutAndANoRefuses() {
        Fingerprint announced = Fingerprint.parse("00".repeat(32));
        KnownServers known = KnownServers.inMemory();
        ControlClient client = client(known, FingerprintDecision.announcedOnLan(announced, user));

        assertThatThrownBy(() -> Clients.signIn(client, new Credentials.Guest("ann", null)))
                .isInstanceOf(ExecutionException.class);

        assertThat(asked).containsExactly(new FingerprintDecision.FirstContact("127.0.0.1:" + room.port(), real));
        assertThat(client.status().reason()).isEqualTo(ConnectionStatus.Reason.UNTRUSTED);
        assertThat(known.all()).isEmpty();
    }

    @Test
    void anAnnouncementCannotOverrideAPin() {
        // The user trusted another certificate at this address before; the LAN now announces the one shown.
        Fingerprint pinned = Fingerprint.parse("11".repeat(32));
        KnownServers known = KnownServers.inMemory();
        known.remember("127.0.0.1:" + room.port(), pinned);
        ControlClient client = client(known, FingerprintDecision.announcedOnLan(real, user));

        assertThatThrownBy(() -> Clients.signIn(client, new Credentials.Guest("ann", null)))
                .isInstanceOf(ExecutionException.class);

        assertThat(client.status().reason()).isEqualTo(ConnectionStatus.Reason.FINGERPRINT_CHANGED);
        assertThat(asked).isEmpty();
        assertThat(known.lookup("127.0.0.1:" + room.port())).contains(pinned);
    }
}
