package dev.parley.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.TestTls;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md defines the fingerprint as SHA-256 over the DER encoding of the leaf certificate the
 * handshake presents, as upper-case hex pairs joined by colons. A client in another language computes
 * it from that sentence alone: this test does the same and compares with what the host prints.
 */
@Timeout(60)
class FingerprintDefinitionTest {
    @TempDir
    Path data;

    @Test
    void theFingerprintIsSha256OfTheDerLeafCertificateAsTheDocumentSays() throws Exception {
        try (ParleyServer server = Rooms.start(data);
             SSLSocket socket = (SSLSocket) TestTls.anyCertificate().createSocket("127.0.0.1", server.port())) {
            socket.startHandshake();
            byte[] leafDer = socket.getSession().getPeerCertificates()[0].getEncoded();

            String computed = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(leafDer));

            assertThat(server.fingerprint().orElseThrow().toString()).isEqualTo(computed).hasSize(32 * 3 - 1);
        }
    }
}
