package dev.parley.client.core.voice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lossy, jittery UDP link for one client: the client sends to {@link #address()}, the shim forwards to the
 * relay from its own socket and sends the relay's answers back. Each datagram, both ways, is dropped with
 * probability {@code loss} or delayed by a uniformly random 0..{@code jitterMillis} ms (which reorders them).
 * The RNG is seeded so a run is repeatable. Thread-safe; one reader thread, one delivery thread.
 */
final class UdpShim implements AutoCloseable {

    private final DatagramChannel front;
    private final InetSocketAddress relay;
    /** Replaced by {@link #rebind()} on the reader thread; the delivery thread reads it. */
    private volatile DatagramChannel back;
    private volatile boolean rebindRequested;
    private final Selector selector;
    private final Random random;
    private final double loss;
    private final int jitterMillis;
    private final ScheduledExecutorService delivery = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "udp-shim-delivery");
        t.setDaemon(true);
        return t;
    });
    private final Thread reader;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong upPassed = new AtomicLong();
    private final AtomicLong upDropped = new AtomicLong();
    private final AtomicLong downPassed = new AtomicLong();
    private final AtomicLong downDropped = new AtomicLong();
    private volatile boolean blocked;
    private volatile boolean running = true;
    private volatile SocketAddress client;

    private UdpShim(InetSocketAddress relay, double loss, int jitterMillis, long seed) throws IOException {
        this.loss = loss;
        this.jitterMillis = jitterMillis;
        this.random = new Random(seed);
        this.relay = relay;
        this.front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        back.connect(relay);
        this.selector = Selector.open();
        front.configureBlocking(false).register(selector, SelectionKey.OP_READ);
        back.configureBlocking(false).register(selector, SelectionKey.OP_READ);
        this.reader = new Thread(this::run, "udp-shim");
        reader.setDaemon(true);
        reader.start();
    }

    static UdpShim lossy(InetSocketAddress relay, double loss, int jitterMillis, long seed) {
        try {
            return new UdpShim(relay, loss, jitterMillis, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shim that drops everything until {@link #setBlocked(boolean) unblocked}: UDP does not get through. */
    static UdpShim blocking(InetSocketAddress relay) {
        UdpShim shim = lossy(relay, 0, 0, 1);
        shim.setBlocked(true);
        return shim;
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) front.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void setBlocked(boolean blocked) {
        this.blocked = blocked;
    }

    long forwarded() {
        return forwarded.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** Share of client-to-relay datagrams this shim dropped so far (blocked ones included). */
    double upstreamDropRatio() {
        long all = upPassed.get() + upDropped.get();
        return all == 0 ? 0 : (double) upDropped.get() / all;
    }

    /** Share of relay-to-client datagrams this shim dropped so far (blocked ones included). */
    double downstreamDropRatio() {
        long all = downPassed.get() + downDropped.get();
        return all == 0 ? 0 : (double) downDropped.get() / all;
    }

    /**
     * From now on forwards to the relay from a new source port, as a NAT does when its mapping expires
     * or changes: the relay sees the same client at a new address.
     */
    void rebind() {
        rebindRequested = true;
        selector.wakeup();
    }

    private void rebindNow() throws IOException {
        rebindRequested = false;
        DatagramChannel old = back;
        DatagramChannel fresh = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        fresh.connect(relay);
        fresh.configureBlocking(false).register(selector, SelectionKey.OP_READ);
        back = fresh;
        old.close();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (running) {
                selector.select(50);
                selector.selectedKeys().clear();
                if (rebindRequested) {
                    rebindNow();
                }
                SocketAddress from;
                buffer.clear();
                while ((from = front.receive(buffer)) != null) {
                    client = from;
                    pass(buffer, true);
                    buffer.clear();
                }
                while (back.receive(buffer) != null) {
                    pass(buffer, false);
                    buffer.clear();
                }
            }
        } catch (IOException e) {
            if (running) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void pass(ByteBuffer buffer, boolean upstream) {
        buffer.flip();
        byte[] datagram = new byte[buffer.remaining()];
        buffer.get(datagram);
        double roll;
        int delay;
        synchronized (random) {
            roll = random.nextDouble();
            delay = jitterMillis == 0 ? 0 : random.nextInt(jitterMillis + 1);
        }
        if (blocked || roll < loss) {
            dropped.incrementAndGet();
            (upstream ? upDropped : downDropped).incrementAndGet();
            return;
        }
        (upstream ? upPassed : downPassed).incrementAndGet();
        delivery.schedule(() -> deliver(datagram, upstream), delay, TimeUnit.MILLISECONDS);
    }

    private void deliver(byte[] datagram, boolean upstream) {
        try {
            if (upstream) {
                back.write(ByteBuffer.wrap(datagram));
            } else if (client != null) {
                front.send(ByteBuffer.wrap(datagram), client);
            }
            forwarded.incrementAndGet();
        } catch (IOException e) {
            // the relay or client went away at the end of a test
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delivery.shutdownNow();
        front.close();
        back.close();
        selector.close();
    }
}
