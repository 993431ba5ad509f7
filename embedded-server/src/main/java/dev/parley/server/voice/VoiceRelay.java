package dev.parley.server.voice;

import dev.parley.protocol.voice.VoiceWire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP voice relay: one socket, one named I/O thread. Authenticates each datagram with the
 * sender's session key, forwards audio to the speaker's listeners re-encrypted under each listener's
 * key (over UDP, or through the {@link VoiceTunnel} for listeners on the tunnel), answers pings and
 * hellos, and binds addresses only by return-routability (see {@link RelayEngine}). It never decodes
 * audio.
 *
 * <p>Thread-safe: {@link #acceptTunneled}, {@link #forget}, {@link #stats} may be called from any
 * thread; they hand work to the I/O thread, which alone touches session state.
 */
public final class VoiceRelay implements AutoCloseable {

    public static final Duration DEFAULT_TALKING_TIMEOUT = Duration.ofMillis(300);
    private static final int RECEIVE_BUFFER_BYTES = 1 << 20;
    static final String THREAD_NAME = "parley-voice-relay";

    private static final Logger log = LoggerFactory.getLogger(VoiceRelay.class);
    private static final int TUNNEL_QUEUE_CAPACITY = 512;
    /** Datagrams read per wake-up before the loop looks at the tunnel queue and timeouts again. */
    private static final int MAX_READS_PER_TURN = 256;
    private static final long TICK_MILLIS = 50;
    /** One byte more than the limit, so an oversized datagram shows as too long instead of silently truncated. */
    private static final int RECEIVE_CAPACITY = VoiceWire.MAX_DATAGRAM_BYTES + 1;

    private final InetSocketAddress bindAddress;
    private final RelayEngine engine;
    private final BlockingQueue<TunneledDatagram> tunneled = new ArrayBlockingQueue<>(TUNNEL_QUEUE_CAPACITY);
    private final Set<Integer> toForget = ConcurrentHashMap.newKeySet();

    // Owned by the I/O thread once started.
    private final byte[] receiveArray = new byte[RECEIVE_CAPACITY];
    private final ByteBuffer receiveBuffer = ByteBuffer.wrap(receiveArray);
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(RECEIVE_CAPACITY);

    private final Object lifecycle = new Object();
    private DatagramChannel channel;
    private volatile Selector selector;
    private Thread thread;
    private volatile boolean running;

    private record TunneledDatagram(int sessionId, byte[] datagram) {
    }

    public VoiceRelay(InetSocketAddress bindAddress, VoiceDirectory directory, VoiceEvents events, VoiceTunnel tunnel) {
        this(bindAddress, directory, events, tunnel, DEFAULT_TALKING_TIMEOUT);
    }

    /**
     * @param bindAddress    host and port to bind; port 0 picks a free one (see {@link #localPort()})
     * @param talkingTimeout how long without audio before a speaker counts as stopped
     */
    public VoiceRelay(InetSocketAddress bindAddress, VoiceDirectory directory, VoiceEvents events, VoiceTunnel tunnel,
            Duration talkingTimeout) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.engine = new RelayEngine(Objects.requireNonNull(directory, "directory"),
                Objects.requireNonNull(events, "events"), Objects.requireNonNull(tunnel, "tunnel"),
                this::sendUdp, talkingTimeout.toNanos());
    }

    /**
     * Binds the socket and starts the I/O thread.
     *
     * @throws UncheckedIOException  when the address cannot be bound
     * @throws IllegalStateException when already started
     */
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                throw new IllegalStateException("voice relay already started");
            }
            try {
                selector = Selector.open();
                channel = DatagramChannel.open();
                // Room for a burst of junk while this thread is descheduled (a flood from the LAN),
                // so real voice behind it is not dropped by the kernel; the OS may cap it (rmem_max).
                channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
                channel.bind(bindAddress);
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
            } catch (IOException e) {
                closeQuietly();
                throw new UncheckedIOException("cannot bind the voice relay to " + bindAddress, e);
            }
            running = true;
            thread = new Thread(this::loop, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
            log.info("Voice relay listening on UDP {}", localAddress());
        }
    }

    /** Stops the I/O thread, waits for it, and closes the socket. Idempotent. */
    public void stop() {
        synchronized (lifecycle) {
            if (thread == null) {
                return;
            }
            running = false;
            selector.wakeup();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("Voice relay thread did not stop within 5 s");
            }
            closeQuietly();
            thread = null;
            log.info("Voice relay stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The bound UDP port (useful after binding port 0). */
    public int localPort() {
        return localAddress().getPort();
    }

    public InetSocketAddress localAddress() {
        synchronized (lifecycle) {
            if (channel == null) {
                throw new IllegalStateException("voice relay not started");
            }
            try {
                return (InetSocketAddress) channel.getLocalAddress();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Processes a datagram that arrived as a binary WebSocket frame on {@code sessionId}'s control
     * connection, exactly as if it came over UDP, except that the connection vouches for the session
     * (its header must name the same session). The session then receives its voice through the
     * tunnel until its next audio or ping over UDP; its UDP address stays bound. Never blocks: when
     * the relay is behind, the datagram is dropped and counted.
     */
    public void acceptTunneled(int sessionId, byte[] datagram) {
        Objects.requireNonNull(datagram, "datagram");
        if (datagram.length > receiveArray.length || !tunneled.offer(new TunneledDatagram(sessionId, datagram.clone()))) {
            engine.countTunnelDropped();
            return;
        }
        wakeUp();
    }

    /** Forgets a session that stopped voice or disconnected: its binding, counters, and talking state. */
    public void forget(int sessionId) {
        toForget.add(sessionId);
        wakeUp();
    }

    /** A consistent-enough snapshot for {@code /metrics}; counters are read without stopping traffic. */
    public VoiceRelayStats stats() {
        return engine.stats();
    }

    private void wakeUp() {
        Selector current = selector;
        if (current != null) {
            current.wakeup();
        }
    }

    private void loop() {
        while (running) {
            try {
                selector.select(TICK_MILLIS);
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                drainForgotten();
                drainTunneled(now);
                readDatagrams(now);
                engine.expireTalking(System.nanoTime());
            } catch (ClosedChannelException e) {
                if (running) {
                    log.error("Voice relay socket closed unexpectedly; the relay stops", e);
                }
                return;
            } catch (IOException | RuntimeException e) {
                // Loop boundary: one bad datagram or callback must never kill the relay.
                log.warn("Voice relay loop error; continuing", e);
            }
        }
    }

    private void drainForgotten() {
        if (toForget.isEmpty()) {
            return;
        }
        for (Integer sessionId : toForget) {
            toForget.remove(sessionId);
            engine.forget(sessionId);
        }
    }

    private void drainTunneled(long now) {
        TunneledDatagram next;
        while ((next = tunneled.poll()) != null) {
            engine.onTunneled(next.sessionId(), next.datagram(), now);
        }
    }

    private void readDatagrams(long now) throws IOException {
        for (int i = 0; i < MAX_READS_PER_TURN; i++) {
            receiveBuffer.clear();
            SocketAddress source = channel.receive(receiveBuffer);
            if (source == null) {
                return;
            }
            engine.onUdp(receiveArray, receiveBuffer.position(), source, now);
        }
    }

    private boolean sendUdp(SocketAddress to, byte[] datagram, int length) {
        sendBuffer.clear();
        sendBuffer.put(datagram, 0, length).flip();
        try {
            return channel.send(sendBuffer, to) == length;
        } catch (IOException e) {
            log.debug("Voice datagram to {} not sent: {}", to, e.toString());
            return false;
        }
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
            if (selector != null) {
                selector.close();
            }
        } catch (IOException e) {
            log.debug("Closing the voice relay socket failed", e);
        }
        channel = null;
        selector = null;
    }
}
