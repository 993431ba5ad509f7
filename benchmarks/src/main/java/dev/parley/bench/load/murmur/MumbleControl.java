package dev.parley.bench.load.murmur;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Mumble client's TLS control connection to Murmur: Version and Authenticate, then it waits for
 * CryptSetup (the UDP key and nonces) and ServerSync (its session). It can create a channel (as
 * SuperUser) and move itself into one with UserState, and sends a Ping whenever asked (Murmur drops
 * clients silent for its {@code timeout}). One daemon thread reads everything the server pushes (it
 * must: Murmur tells every client about every other one, and an unread socket would stall it);
 * {@link #voiceOverTcp} counts voice the server tunnelled here instead of sending it by UDP. Thread-safe.
 */
public final class MumbleControl implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MumbleControl.class);
    private static final SSLContext TLS = trustingContext();

    /** The UDP key material from CryptSetup. */
    public record Crypt(byte[] key, byte[] clientNonce, byte[] serverNonce) {
    }

    private final String name;
    private final SSLSocket socket;
    private final OutputStream out;
    private final Thread reader;
    private final Object lock = new Object();
    // Guarded by lock.
    private Crypt crypt;
    private long session = -1;
    private String rejected;
    private String denied;
    private boolean closed;
    private final Map<String, Long> channelsByName = new HashMap<>();
    private long channel;
    private volatile long voiceOverTcp;

    private MumbleControl(String name, SSLSocket socket) throws IOException {
        this.name = name;
        this.socket = socket;
        this.out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        reader = new Thread(() -> read(in), "bench-mumble-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects, authenticates as {@code username} (password may be empty) and waits for ServerSync. */
    public static MumbleControl connect(int port, String username, String password, Duration timeout) {
        try {
            SSLSocket socket = (SSLSocket) TLS.getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(0);
            socket.startHandshake();
            MumbleControl control = new MumbleControl(username, socket);
            control.send(MumbleWire.VERSION, new MumbleWire.Proto().uint(1, MumbleWire.CLIENT_VERSION)
                    .string(2, "parley-load").string(3, "Linux").string(4, "benchmark").build());
            control.send(MumbleWire.AUTHENTICATE, new MumbleWire.Proto().string(1, username).string(2, password)
                    .bool(5, true).build());
            control.await(() -> control.session >= 0 && control.crypt != null, timeout, "ServerSync and CryptSetup");
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect " + username + " to Murmur on port " + port, e);
        }
    }

    public long session() {
        synchronized (lock) {
            return session;
        }
    }

    public Crypt crypt() {
        synchronized (lock) {
            return crypt;
        }
    }

    public long voiceOverTcp() {
        return voiceOverTcp;
    }

    /** Creates a permanent channel under the root (needs SuperUser) and returns its id. */
    public long createChannel(String channelName, Duration timeout) {
        send(MumbleWire.CHANNEL_STATE, new MumbleWire.Proto().uint(2, 0).string(3, channelName).build());
        await(() -> channelsByName.containsKey(channelName), timeout, "channel " + channelName);
        synchronized (lock) {
            return channelsByName.get(channelName);
        }
    }

    /** Moves this client into {@code channelId} (UserState) and waits until the server says it is there. */
    public void join(long channelId, Duration timeout) {
        long self = session();
        send(MumbleWire.USER_STATE, new MumbleWire.Proto().uint(1, self).uint(5, channelId).build());
        await(() -> channel == channelId, timeout, "joining channel " + channelId);
    }

    /** A TCP Ping (keeps the connection alive; Murmur answers with its own). */
    public void ping() {
        send(MumbleWire.PING, new MumbleWire.Proto().uint(1, System.nanoTime() / 1000).build());
    }

    private void send(int type, byte[] payload) {
        byte[] frame = MumbleWire.frame(type, payload);
        synchronized (out) {
            try {
                out.write(frame);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(name + ": Murmur control connection failed", e);
            }
        }
    }

    private void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                if (rejected != null) {
                    throw new IllegalStateException(name + ": Murmur rejected the client: " + rejected);
                }
                if (denied != null) {
                    throw new IllegalStateException(name + ": Murmur denied " + what + ": " + denied);
                }
                if (closed) {
                    throw new IllegalStateException(name + ": Murmur closed the connection while waiting for " + what);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(name + ": no " + what + " from Murmur within " + timeout);
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what, e);
                }
            }
        }
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                int type = in.readUnsignedShort();
                int length = in.readInt();
                if (length < 0 || length > 8 * 1024 * 1024) {
                    throw new IOException("control message of " + length + " bytes");
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                handle(type, payload);
            }
        } catch (EOFException | SocketException e) {
            log.debug("{}: control connection ended: {}", name, e.toString());
        } catch (IOException | RuntimeException e) {
            log.warn("{}: control connection failed", name, e);
        } finally {
            synchronized (lock) {
                closed = true;
                lock.notifyAll();
            }
        }
    }

    private void handle(int type, byte[] payload) {
        if (type == MumbleWire.UDP_TUNNEL) {
            voiceOverTcp++;
            return;
        }
        if (type != MumbleWire.CRYPT_SETUP && type != MumbleWire.SERVER_SYNC && type != MumbleWire.REJECT
                && type != MumbleWire.CHANNEL_STATE && type != MumbleWire.USER_STATE
                && type != MumbleWire.PERMISSION_DENIED) {
            return;
        }
        MumbleWire.Fields fields = MumbleWire.Fields.parse(payload);
        synchronized (lock) {
            switch (type) {
                case MumbleWire.CRYPT_SETUP -> {
                    if (fields.has(1)) {
                        crypt = new Crypt(fields.bytes(1), fields.bytes(2), fields.bytes(3));
                    } else {
                        // A resync request: the load tool never loses its nonce; say so if it ever happens.
                        log.warn("{}: Murmur asked for a crypt resync", name);
                    }
                }
                case MumbleWire.SERVER_SYNC -> session = fields.uint(1, -1);
                case MumbleWire.REJECT -> rejected = "type " + fields.uint(1, 0) + ": " + fields.string(2);
                case MumbleWire.CHANNEL_STATE -> {
                    if (fields.has(1) && fields.has(3)) {
                        channelsByName.put(fields.string(3), fields.uint(1, 0));
                    }
                }
                case MumbleWire.USER_STATE -> {
                    if (session >= 0 && fields.uint(1, -1) == session && fields.has(5)) {
                        channel = fields.uint(5, 0);
                    }
                }
                case MumbleWire.PERMISSION_DENIED -> denied = "type " + fields.uint(5, 0) + " " + fields.string(4);
                default -> {
                }
            }
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("{}: close failed", name, e);
        }
    }

    /**
     * TLS that accepts Murmur's self-signed certificate: the load tool talks only to the murmurd it
     * just started on loopback (never use this anywhere else).
     */
    private static SSLContext trustingContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every JDK", e);
        }
    }
}
