package dev.parley.server.support;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Session;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A client that signs in as a guest and then stops reading: its only reader thread blocks inside
 * the first event it receives after signing in, so the server's frames pile up in TCP buffers and
 * then in the server's queue, and pings go unanswered. {@link #release()} lets it read again;
 * {@link #received()} is what it read.
 */
public final class StalledClient extends WebSocketClient {
    private final CountDownLatch signedIn = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int closeCode = -1;
    private final java.util.Queue<String> received = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public StalledClient(int port) {
        super(URI.create("wss://127.0.0.1:" + port));
        setConnectionLostTimeout(0);
        setSocketFactory(TestTls.anyCertificate());
    }

    @Override
    protected void onSetSSLParameters(javax.net.ssl.SSLParameters parameters) {
        TestTls.skipHostnameCheck(parameters);
    }

    public void signInAsGuest(String nickname) throws InterruptedException {
        if (!connectBlocking(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect");
        }
        ControlCodec codec = new ControlCodec();
        send(codec.encode(Envelope.request("h", new Session.Hello(ProtocolVersion.CURRENT, "stalled"))));
        send(codec.encode(Envelope.request("g", new Session.GuestJoin(nickname, null))));
        if (!signedIn.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("guest sign-in did not complete");
        }
    }

    @Override
    public void onMessage(String frame) {
        if (frame.contains("\"auth.ok\"")) {
            signedIn.countDown();
            return;
        }
        if (signedIn.getCount() == 0) {
            received.add(frame);
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every frame read after {@code auth.ok}, in order (the one it stalled in first). */
    public java.util.List<String> received() {
        return java.util.List.copyOf(received);
    }

    public void release() {
        released.countDown();
    }

    public int closeCode() {
        return closeCode;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
    }

    @Override
    public void onError(Exception error) {
    }
}
