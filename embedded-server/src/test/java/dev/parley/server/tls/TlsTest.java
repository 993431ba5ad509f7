package dev.parley.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.tls.Fingerprint;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.TestClient;
import dev.parley.server.support.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TlsTest {
    @TempDir
    Path data;

    @Test
    void roomKeepsItsCertificateAcrossRestarts() throws Exception {
        Fingerprint first;
        try (ParleyServer server = Rooms.start(data)) {
            first = server.fingerprint().orElseThrow();
        }
        try (ParleyServer again = Rooms.start(data)) {
            assertThat(again.fingerprint()).contains(first);
        }
        assertThat(Files.getPosixFilePermissions(data.resolve(TlsIdentity.FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theRoomShowsItsOwnEcCertificateOverTls13() throws Exception {
        try (ParleyServer server = Rooms.start(data);
             SSLSocket socket = (SSLSocket) TestTls.anyCertificate().createSocket("127.0.0.1", server.port())) {
            socket.startHandshake();
            X509Certificate shown = (X509Certificate) socket.getSession().getPeerCertificates()[0];

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(Fingerprint.of(shown)).isEqualTo(server.fingerprint().orElseThrow());
            assertThat(((ECPublicKey) shown.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
            assertThat(shown.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                    .contains((Object) "localhost", "127.0.0.1");
            assertThat(shown.getBasicConstraints()).isEqualTo(-1);
        }
    }

    @Test
    void tlsRoomRefusesPlainWebSocket() throws Exception {
        try (ParleyServer server = Rooms.start(data)) {
            assertThatThrownBy(() -> TestClient.connectPlain(server.port())).isInstanceOf(IllegalStateException.class);
            try (TestClient tls = TestClient.hello(server.port())) {
                assertThat(tls.isOpen()).isTrue();
            }
        }
    }

    @Test
    void plainRoomOnlyWhenAskedAndThenItHandsOutVoiceKeys() throws Exception {
        try (ParleyServer server = ParleyServer.start(Rooms.config(data).tls(false).build());
             TestClient client = TestClient.connectPlain(server.port())) {
            assertThat(server.fingerprint()).isEmpty();
            assertThat(server.address("127.0.0.1")).startsWith("ws://");
            assertThat(Files.exists(data.resolve(TlsIdentity.FILE))).isFalse();
            client.expect(new Session.Hello(ProtocolVersion.CURRENT, "plain"), Session.HelloOk.class);
            client.expect(new Session.GuestJoin("ann", null), Session.AuthOk.class);
            assertThat(client.expect(new Voice.Start(), Voice.Ready.class).key()).isNotBlank();
        }
    }

    @Test
    void fingerprintsReadAsPeopleCopyThem() {
        Fingerprint fingerprint = TlsIdentity.loadOrCreate(data).fingerprint();
        String shown = fingerprint.toString();

        assertThat(shown).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        for (String typed : List.of(shown.toLowerCase(), shown.replace(":", ""), shown.replace(":", " "), " " + shown + "\n")) {
            assertThat(Fingerprint.parse(typed)).isEqualTo(fingerprint);
        }
        assertThatThrownBy(() -> Fingerprint.parse("AB:CD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.parse("X" + shown.substring(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
