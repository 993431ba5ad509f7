package dev.parley.client.core.net;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Decoded;
import dev.parley.protocol.control.Envelope;
import dev.parley.client.core.ClientException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection attempt. Decodes text frames on the library's reader thread (so the
 * event thread only sees valid envelopes) and hands everything to {@link Listener}, which must not
 * block. A new instance is made for every attempt; the library's sockets are not reusable.
 */
final class ControlSocket extends WebSocketClient {
    private static final Logger log = LoggerFactory.getLogger(ControlSocket.class);

    /** Called on the library's threads. */
    interface Listener {
        void opened(ControlSocket socket);

        void envelope(ControlSocket socket, Envelope envelope);

        void binary(ControlSocket socket, ByteBuffer frame);

        void closed(ControlSocket socket, int code, String reason, boolean remote);
    }

    private final ControlCodec codec;
    private final Listener listener;
    private final PinningTrustManager pin;

    /** @param pin checks the room's certificate on a {@code wss://} address; null for plain {@code ws://} */
    ControlSocket(URI uri, ControlCodec codec, Listener listener, int connectTimeoutMillis, int heartbeatSeconds,
                  PinningTrustManager pin) {
        super(uri, new Draft_6455(), Map.of(), connectTimeoutMillis);
        this.codec = codec;
        this.listener = listener;
        this.pin = pin;
        setConnectionLostTimeout(heartbeatSeconds);
        setTcpNoDelay(true);
        if (pin != null) {
            setSocketFactory(pinnedContext(pin).getSocketFactory());
        }
    }

    private static SSLContext pinnedContext(PinningTrustManager pin) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {pin}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ClientException("TLS 1.3 is not available in this Java runtime", e);
        }
    }

    /** The pin check of this attempt; null on a plain connection. */
    PinningTrustManager pin() {
        return pin;
    }

    /**
     * The library would turn on HTTPS host-name verification here. A room's certificate is
     * self-signed and pinned by fingerprint, and the pin alone proves whose it is; checking names
     * as well would only refuse rooms reached by an address missing from the certificate.
     */
    @Override
    protected void onSetSSLParameters(SSLParameters parameters) {
        parameters.setEndpointIdentificationAlgorithm(null);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        listener.opened(this);
    }

    @Override
    public void onMessage(String frame) {
        Decoded decoded = codec.decode(frame);
        if (decoded instanceof Decoded.Valid valid) {
            listener.envelope(this, valid.envelope());
        } else {
            Decoded.Invalid invalid = (Decoded.Invalid) decoded;
            log.warn("Ignoring a frame the server sent that we cannot read: {} {}", invalid.code(), invalid.message());
        }
    }

    @Override
    public void onMessage(ByteBuffer frame) {
        listener.binary(this, frame);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        listener.closed(this, code, reason, remote);
    }

    @Override
    public void onError(Exception error) {
        // onClose always follows and decides what happens next.
        log.debug("Control socket to {} failed: {}", getURI(), error.toString());
    }
}
