package dev.parley.client.core.net;

import dev.parley.protocol.tls.Fingerprint;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one certificate: the one whose fingerprint was pinned. Rooms use self-signed
 * certificates, so there is no CA chain to follow and no host name to match: the pin is the
 * identity. Remembers what the server showed so the client can tell "new room" from "changed
 * certificate" after the handshake fails. One per connection attempt; written on the socket's
 * thread during the handshake, read on the event thread after the socket closed.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
    /** What the handshake found. */
    enum Outcome {
        /** No handshake yet, or it failed before the certificate was seen. */
        NOT_CHECKED,
        MATCHED,
        /** No pin for this room: the user has to decide. */
        UNKNOWN,
        /** A pin exists and the certificate does not match it. */
        CHANGED
    }

    private final Fingerprint pinned;
    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile Fingerprint presented;

    /** @param pinned the trusted fingerprint, or null when this room was never trusted */
    PinningTrustManager(Fingerprint pinned) {
        this.pinned = pinned;
    }

    Outcome outcome() {
        return outcome;
    }

    Fingerprint presented() {
        return presented;
    }

    Fingerprint pinned() {
        return pinned;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the room showed no certificate");
        }
        Fingerprint shown = Fingerprint.of(chain[0]);
        presented = shown;
        if (pinned == null) {
            outcome = Outcome.UNKNOWN;
            throw new CertificateException("room not trusted yet; certificate " + shown);
        }
        if (!pinned.matches(shown)) {
            outcome = Outcome.CHANGED;
            throw new CertificateException("room certificate changed: trusted " + pinned + ", shown " + shown);
        }
        outcome = Outcome.MATCHED;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client never accepts connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
