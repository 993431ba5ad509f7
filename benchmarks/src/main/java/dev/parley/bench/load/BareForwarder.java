package dev.parley.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The limit Parley's relay is compared with: the least a UDP voice forwarder can do. A client joins a
 * group with one datagram {@code 'J', group u32}; any other datagram from a member is written
 * unchanged to every other member of its group. No authentication, no crypto, no talking state.
 * Same socket API as Parley's relay (NIO {@link DatagramChannel}, one direct buffer, one thread).
 * Confined to the thread that runs {@link #run()}.
 */
public final class BareForwarder {

    public static final byte JOIN = 'J';

    private final DatagramChannel channel;
    private final Map<SocketAddress, List<SocketAddress>> groupOf = new HashMap<>();
    private final Map<Integer, List<SocketAddress>> groups = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);

    public BareForwarder(InetSocketAddress bind) throws IOException {
        channel = DatagramChannel.open().bind(bind);
    }

    public int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Forwards until the channel is closed. */
    public void run() throws IOException {
        try {
            while (true) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                buffer.flip();
                List<SocketAddress> group = groupOf.get(from);
                if (group == null) {
                    join(from);
                    continue;
                }
                for (SocketAddress member : group) {
                    if (!member.equals(from)) {
                        buffer.rewind();
                        channel.send(buffer, member);
                    }
                }
            }
        } catch (ClosedChannelException stopped) {
            // close() ends the loop.
        }
    }

    private void join(SocketAddress from) {
        if (buffer.remaining() != 5 || buffer.get(0) != JOIN) {
            return;
        }
        List<SocketAddress> group = groups.computeIfAbsent(buffer.getInt(1), id -> new ArrayList<>());
        group.add(from);
        groupOf.put(from, group);
        // Echo the join so the client knows it is in; any later duplicate join is forwarded like audio.
        buffer.rewind();
        try {
            channel.send(buffer, from);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void close() throws IOException {
        channel.close();
    }

    /** {@code BareForwarder}: binds 127.0.0.1 on a free port, prints {@code READY <port>}, stops when stdin closes. */
    public static void main(String[] args) throws IOException {
        BareForwarder forwarder = new BareForwarder(new InetSocketAddress("127.0.0.1", 0));
        Thread loop = new Thread(() -> {
            try {
                forwarder.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "bare-forwarder");
        loop.setDaemon(true);
        loop.start();
        System.out.println("READY " + forwarder.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the load tool closes our stdin.
        }
        forwarder.close();
    }
}
