package dev.parley.client.core.voice.net;

import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceBody;
import dev.parley.protocol.voice.VoiceChallenge;
import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceHello;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoiceLink;
import dev.parley.protocol.voice.VoicePing;
import dev.parley.protocol.voice.VoicePong;
import dev.parley.protocol.voice.VoiceWire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One voice session's network side: a UDP socket to the relay and the session's {@link VoiceLink}, with
 * the control WebSocket as a fallback path. Proves UDP with HELLO (answering the relay's return-routability
 * challenge), measures round trip and loss with PING, falls back to the tunnel when most recent pings
 * failed and returns after several probes in a row got through (see {@link PathSelector}). Audio is
 * accepted from both paths at all times, so nothing in flight on the old path is lost at a switch; the
 * receiver's jitter buffer drops duplicates by sequence number. Received audio goes to the {@link Listener}.
 *
 * <p>One named network thread owns the socket and the link. Thread-safe: {@link #send} (capture thread)
 * and {@link #acceptTunneled} (WebSocket reader) only put work on bounded queues and never block; late
 * audio is dropped, not queued. {@link #stats()} and {@link #path()} may be read from any thread.
 */
public final class VoiceTransport implements AutoCloseable {

    /** Sends one sealed datagram as a binary WebSocket frame; must not block. */
    @FunctionalInterface
    public interface Tunnel {
        /** @return false if the frame could not be sent (not connected) */
        boolean send(byte[] datagram);
    }

    /** Called on the network thread: hand off, never block. */
    public interface Listener {
        void audio(AudioFrame frame, long arrivalNanos);

        default void pathChanged(VoicePath path) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(VoiceTransport.class);
    private static final int TUNNEL_QUEUE_CAPACITY = 128;
    private static final int MAX_READS_PER_TURN = 64;

    private final InetSocketAddress relay;
    private final VoiceLink link;
    private final Tunnel tunnel;
    private final Listener listener;
    private final TransportSettings settings;
    private final BlockingQueue<AudioFrame> outgoing;
    private final BlockingQueue<byte[]> tunneled = new ArrayBlockingQueue<>(TUNNEL_QUEUE_CAPACITY);
    private final LinkMeter meter = new LinkMeter();
    private final Object lifecycle = new Object();

    // Network thread only.
    private final byte[] sealed = new byte[VoiceWire.MAX_DATAGRAM_BYTES];
    private final byte[] received = new byte[VoiceWire.MAX_DATAGRAM_BYTES + 1];
    private final ByteBuffer receiveBuffer = ByteBuffer.wrap(received);
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(VoiceWire.MAX_DATAGRAM_BYTES);
    private PathSelector paths;

    private DatagramChannel channel;
    private volatile Selector wakeup;
    private Thread thread;
    private volatile boolean running;
    private volatile VoicePath path = VoicePath.PROBING;
    private volatile int pathSwitches;
    private final AtomicLong sendDropped = new AtomicLong();
    private volatile long datagramsSent;
    private volatile long datagramsReceived;
    private volatile long audioSent;
    private volatile long audioReceived;
    private volatile long rejected;
    private volatile long audioTunnelled;
    private volatile long challenges;

    /**
     * @param relay     the relay's UDP address (the control server's host and {@code voice.ready}'s port)
     * @param sessionId and {@code key}: from {@code voice.ready}
     */
    public VoiceTransport(InetSocketAddress relay, int sessionId, VoiceKey key, Tunnel tunnel, Listener listener,
            TransportSettings settings) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.link = new VoiceLink(sessionId, key, VoiceDirection.CLIENT_TO_SERVER);
        this.tunnel = Objects.requireNonNull(tunnel, "tunnel");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outgoing = new ArrayBlockingQueue<>(settings.sendQueueCapacity());
    }

    /** Opens the socket and starts the network thread ({@code parley-voice-net}). */
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                throw new IllegalStateException("voice transport already started");
            }
            try {
                wakeup = Selector.open();
                channel = DatagramChannel.open();
                channel.connect(relay);
                channel.configureBlocking(false);
                channel.register(wakeup, SelectionKey.OP_READ);
            } catch (IOException e) {
                closeQuietly();
                throw new UncheckedIOException("cannot open a voice socket to " + relay, e);
            }
            running = true;
            thread = new Thread(this::loop, "parley-voice-net");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY - 1);
            thread.start();
        }
    }

    public int sessionId() {
        return link.sessionId();
    }

    public VoicePath path() {
        return path;
    }

    /** Queues an audio frame for sending; never blocks. Returns false if it was dropped. Any thread. */
    public boolean send(AudioFrame frame) {
        if (!running || !outgoing.offer(frame)) {
            sendDropped.incrementAndGet();
            return false;
        }
        wakeUp();
        return true;
    }

    /** A binary WebSocket frame from the control connection: a datagram the relay tunnelled to us. Any thread. */
    public void acceptTunneled(byte[] datagram) {
        if (running && datagram.length <= received.length && tunneled.offer(datagram)) {
            wakeUp();
        }
    }

    public TransportStats stats() {
        return new TransportStats(path, meter.window(), meter.total(), datagramsSent, datagramsReceived, audioSent,
                audioReceived, rejected, sendDropped.get(), pathSwitches, audioTunnelled, challenges);
    }

    /** Stops the network thread and closes the socket. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (thread == null) {
                return;
            }
            running = false;
            wakeUp();
            if (thread != Thread.currentThread()) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            closeQuietly();
            thread = null;
        }
    }

    private void wakeUp() {
        Selector current = wakeup;
        if (current != null) {
            current.wakeup();
        }
    }

    private void loop() {
        paths = new PathSelector(settings, System.nanoTime(), ThreadLocalRandom.current().nextLong());
        while (running) {
            try {
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(paths.nextDeadline() - System.nanoTime()) + 1);
                wakeup.select(waitMillis);
                wakeup.selectedKeys().clear();
                sendQueuedAudio();
                drainTunneled();
                readUdp();
                runTimers(System.nanoTime());
            } catch (ClosedChannelException e) {
                if (running) {
                    LOG.warn("Voice socket closed unexpectedly; voice stops");
                }
                return;
            } catch (IOException | RuntimeException e) {
                // Loop boundary: one bad datagram must not end the session's voice.
                LOG.warn("Voice transport loop error; continuing", e);
            }
        }
    }

    private void runTimers(long now) {
        VoicePath before = paths.path();
        int actions = paths.tick(now);
        if ((actions & PathSelector.SEND_HELLO_UDP) != 0) {
            if (paths.path() == VoicePath.TUNNEL) {
                meter.probeSent();
            }
            sendUdp(new VoiceHello(paths.helloNonce()));
        }
        if ((actions & PathSelector.SEND_PING) != 0) {
            sendOnPath(new VoicePing(paths.pingSequence(), System.nanoTime()));
        }
        publishPath(before);
        meter.publish(now, false);
    }

    private void sendQueuedAudio() {
        AudioFrame frame;
        while ((frame = outgoing.poll()) != null) {
            paths.voiceFlowed(System.nanoTime());
            boolean tunnelled = paths.path() == VoicePath.TUNNEL;
            if (sendOnPath(frame)) {
                audioSent++;
                if (tunnelled) {
                    audioTunnelled++;
                }
            }
        }
    }

    private void drainTunneled() {
        byte[] datagram;
        while ((datagram = tunneled.poll()) != null) {
            handle(datagram, datagram.length, false, System.nanoTime());
        }
    }

    private void readUdp() throws IOException {
        for (int i = 0; i < MAX_READS_PER_TURN; i++) {
            receiveBuffer.clear();
            int length;
            try {
                if (channel.receive(receiveBuffer) == null) {
                    return;
                }
                length = receiveBuffer.position();
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                // ICMP port unreachable and friends: UDP is not working; the path selector will notice.
                LOG.debug("Voice socket receive failed: {}", e.toString());
                return;
            }
            handle(received, length, true, System.nanoTime());
        }
    }

    private void handle(byte[] datagram, int length, boolean overUdp, long now) {
        OpenResult result = link.open(datagram, 0, length);
        if (!(result instanceof OpenResult.Opened opened)) {
            rejected++;
            LOG.debug("Dropped voice datagram ({} bytes): {}", length, result);
            return;
        }
        datagramsReceived++;
        if (overUdp) {
            paths.udpHeard(now);
        }
        VoiceBody body = opened.body();
        if (body instanceof AudioFrame frame) {
            audioReceived++;
            paths.voiceFlowed(now);
            meter.onAudio(frame.speakerSessionId(), frame.timestamp(), frame.endOfTalk(), now);
            listener.audio(frame, now);
        } else if (body instanceof VoicePong pong) {
            meter.onPong(pong, opened.counter(), link.receivedCount(), now);
            VoicePath before = paths.path();
            paths.pongReceived(pong.sequence(), now);
            publishPath(before);
        } else if (overUdp && body instanceof VoiceHello hello) {
            VoicePath before = paths.path();
            paths.helloEchoed(hello.nonce(), now);
            publishPath(before);
        } else if (overUdp && body instanceof VoiceChallenge challenge) {
            // The relay asks us to prove we receive at this address (first bind, or our NAT moved us).
            challenges++;
            if (paths.path() == VoicePath.TUNNEL) {
                meter.probeSent();
            }
            sendUdp(new VoiceHello(paths.helloNonce(), challenge.cookie()));
        }
    }

    private void publishPath(VoicePath before) {
        VoicePath now = paths.path();
        if (now != before) {
            path = now;
            pathSwitches = paths.switches();
            LOG.info("Voice session {} now on {} (was {})", link.sessionId(), now, before);
            listener.pathChanged(now);
        }
    }

    private boolean sendOnPath(VoiceBody body) {
        return paths.path() == VoicePath.TUNNEL ? sendTunnel(body) : sendUdp(body);
    }

    private boolean sendUdp(VoiceBody body) {
        int length = link.seal(body, sealed);
        sendBuffer.clear();
        sendBuffer.put(sealed, 0, length).flip();
        try {
            channel.write(sendBuffer);
            datagramsSent++;
            return true;
        } catch (IOException e) {
            LOG.debug("Voice datagram not sent over UDP: {}", e.toString());
            return false;
        }
    }

    private boolean sendTunnel(VoiceBody body) {
        int length = link.seal(body, sealed);
        if (tunnel.send(Arrays.copyOf(sealed, length))) {
            datagramsSent++;
            return true;
        }
        return false;
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
            if (wakeup != null) {
                wakeup.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing the voice socket failed", e);
        }
        channel = null;
        wakeup = null;
    }
}
