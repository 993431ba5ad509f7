package dev.parley.bench.room;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thousands of signed-in guests on one thread: a room-size load that costs the load tool one NIO
 * selector, no thread per connection. Each member speaks just enough plain {@code ws://} (RFC 6455
 * handshake, masked text frames with a zero mask, pong for ping) to say {@code hello}, join as a
 * guest and then sit idle; frames from the room are not decoded, only classified by their first
 * bytes ({@code {"type":"user.state"}…) and counted, so the tool keeps up with a room fanning
 * presence out to 10,000 people.
 *
 * <p>Threads: {@link #join}, {@link #leave} and the counters may be used from any thread; every
 * socket, buffer and {@link Member} field is touched only by the {@code bench-crowd} thread.
 */
public final class Crowd implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Crowd.class);
    private static final ControlCodec CODEC = new ControlCodec();
    private static final byte[] HELLO = textFrame(CODEC.encode(
            Envelope.request("h", new Session.Hello(ProtocolVersion.CURRENT, "parley-bench-crowd"))));
    private static final byte[] PONG_EMPTY = {(byte) 0x8A, (byte) 0x80, 0, 0, 0, 0};
    private static final byte[] CLOSE_NORMAL = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8};
    private static final byte[] USER_STATE = ascii("{\"type\":\"user.state\"");
    private static final byte[] USER_MOVED = ascii("{\"type\":\"user.moved\"");
    private static final byte[] REPLY_HELLO = ascii("{\"type\":\"hello.ok\",\"id\":\"h\"");
    private static final byte[] REPLY_AUTH = ascii("{\"type\":\"auth.ok\",\"id\":\"g\"");
    private static final int PREFIX = 32;

    private final InetSocketAddress server;
    private final List<InetAddress> sources;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final byte[] handshakeTemplate;
    private final AtomicInteger nextSource = new AtomicInteger();
    private final AtomicLong userStates = new AtomicLong();
    private final AtomicLong userMoves = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger online = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long lastFrameNanos = System.nanoTime();
    private volatile boolean running = true;

    /** Timings of one sign-in, in nanoseconds from {@link #join}'s call. */
    public record Joined(Member member, long connectedNanos, long helloNanos, long signedInNanos) {
    }

    /**
     * @param server  the room's plain {@code ws://} control address
     * @param sources local addresses to connect from, in turn (several 127.0.0.x give more ephemeral ports)
     */
    public Crowd(InetSocketAddress server, List<InetAddress> sources) throws IOException {
        this.server = server;
        this.sources = List.copyOf(sources);
        this.selector = Selector.open();
        this.handshakeTemplate = ascii("GET / HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        this.thread = new Thread(this::loop, "bench-crowd");
        thread.setDaemon(true);
        thread.start();
    }

    /** Connects, says hello and joins as guest {@code nickname}; completes at {@code auth.ok}. Any thread. */
    public CompletableFuture<Joined> join(String nickname) {
        CompletableFuture<Joined> done = new CompletableFuture<>();
        long start = System.nanoTime();
        InetAddress source = sources.get(Math.floorMod(nextSource.getAndIncrement(), sources.size()));
        byte[] guest = textFrame(CODEC.encode(Envelope.request("g", new Session.GuestJoin(nickname, null))));
        onLoop(() -> {
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.bind(new InetSocketAddress(source, 0));
                Member member = new Member(channel, guest, done, start);
                SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, member);
                member.key = key;
                if (channel.connect(server)) {
                    connected(member);
                }
            } catch (IOException e) {
                failures.incrementAndGet();
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Sends a close frame and closes the socket; the room sees the user leave. Any thread. */
    public void leave(Member member) {
        onLoop(() -> {
            if (member.signedIn) {
                online.decrementAndGet();
                member.signedIn = false;
            }
            send(member, CLOSE_NORMAL);
            closeQuietly(member);
        });
    }

    /** {@code user.state} events received by all members so far. */
    public long userStates() {
        return userStates.get();
    }

    public long userMoves() {
        return userMoves.get();
    }

    public long frames() {
        return frames.get();
    }

    public long bytes() {
        return bytes.get();
    }

    /** Members signed in and not closed. */
    public int online() {
        return online.get();
    }

    /** Connections that failed or were closed by the room. */
    public int failures() {
        return failures.get();
    }

    /** {@link System#nanoTime()} of the last frame any member received. */
    public long lastFrameNanos() {
        return lastFrameNanos;
    }

    private void onLoop(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void loop() {
        try {
            while (running) {
                selector.select(1000);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Member member = (Member) key.attachment();
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isConnectable()) {
                            if (member.channel.finishConnect()) {
                                connected(member);
                            }
                        } else {
                            if (key.isWritable()) {
                                flush(member);
                            }
                            if (key.isValid() && key.isReadable()) {
                                read(member);
                            }
                        }
                    } catch (IOException e) {
                        fail(member, e);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            log.error("Crowd loop failed", e);
        }
    }

    private void connected(Member member) {
        member.connectedNanos = System.nanoTime();
        member.key.interestOps(SelectionKey.OP_READ);
        send(member, handshakeTemplate);
    }

    private void read(Member member) throws IOException {
        readBuffer.clear();
        int n = member.channel.read(readBuffer);
        if (n < 0) {
            fail(member, new IOException("closed by the room"));
            return;
        }
        bytes.addAndGet(n);
        readBuffer.flip();
        while (readBuffer.hasRemaining()) {
            byte b = readBuffer.get();
            if (!member.upgraded) {
                // End of the HTTP response: \r\n\r\n. The first line must say 101.
                if (member.statusLine.length() < 12) {
                    member.statusLine.append((char) b);
                }
                member.crlf = (b == '\r' || b == '\n') ? member.crlf + 1 : 0;
                if (member.crlf == 4) {
                    if (!member.statusLine.toString().contains(" 101")) {
                        fail(member, new IOException("handshake refused: " + member.statusLine));
                        return;
                    }
                    member.upgraded = true;
                    member.helloNanos = System.nanoTime();
                    send(member, HELLO);
                }
                continue;
            }
            frameByte(member, b);
            if (!member.channel.isOpen()) {
                return;
            }
        }
    }

    /** One byte of the room's frames (unmasked, RFC 6455). */
    private void frameByte(Member m, byte b) {
        if (m.payloadLeft == 0 && m.headerWanted != -1) {
            // In a header.
            m.header[m.headerLength++] = b;
            if (m.headerLength == 2) {
                int len = m.header[1] & 0x7F;
                m.headerWanted = len == 126 ? 4 : len == 127 ? 10 : 2;
            }
            if (m.headerLength >= 2 && m.headerLength == m.headerWanted) {
                int len = m.header[1] & 0x7F;
                long payload = len < 126 ? len : 0;
                for (int i = 2; i < m.headerWanted; i++) {
                    payload = (payload << 8) | (m.header[i] & 0xFF);
                }
                m.opcode = m.header[0] & 0x0F;
                m.fin = (m.header[0] & 0x80) != 0;
                m.headerLength = 0;
                m.headerWanted = 2;
                if (payload == 0) {
                    frameDone(m);
                } else {
                    m.payloadLeft = payload;
                    m.headerWanted = -1;
                }
            }
            return;
        }
        // In a payload: keep its first bytes (the type) and control frames' bodies.
        if (m.opcode != 0 && m.prefixLength < PREFIX) {
            m.prefix[m.prefixLength++] = b;
        }
        if (--m.payloadLeft == 0) {
            m.headerWanted = 2;
            frameDone(m);
        }
    }

    private void frameDone(Member m) {
        int opcode = m.opcode;
        if (opcode == 0x9) { // ping: answer with an empty pong (Java-WebSocket only checks that one came)
            send(m, PONG_EMPTY);
        } else if (opcode == 0x8) {
            int code = m.prefixLength >= 2 ? ((m.prefix[0] & 0xFF) << 8) | (m.prefix[1] & 0xFF) : 0;
            String reason = m.prefixLength > 2 ? new String(m.prefix, 2, m.prefixLength - 2, StandardCharsets.UTF_8) : "";
            fail(m, new IOException("closed by the room: " + code + " " + reason));
        } else if (opcode == 0x1) {
            frames.incrementAndGet();
            lastFrameNanos = System.nanoTime();
            if (startsWith(m, USER_STATE)) {
                userStates.incrementAndGet();
            } else if (startsWith(m, USER_MOVED)) {
                userMoves.incrementAndGet();
            } else if (startsWith(m, REPLY_HELLO)) {
                send(m, m.guestFrame);
            } else if (startsWith(m, REPLY_AUTH)) {
                m.signedIn = true;
                online.incrementAndGet();
                long now = System.nanoTime();
                m.done.complete(new Joined(m, m.connectedNanos - m.startNanos, m.helloNanos - m.startNanos,
                        now - m.startNanos));
            } else if (!m.signedIn && m.prefixLength > 0 && !m.done.isDone()) {
                String start = new String(m.prefix, 0, m.prefixLength, StandardCharsets.UTF_8);
                if (start.contains("\"error\"")) {
                    fail(m, new IOException("refused: " + start + "…"));
                }
            }
        }
        // Continuation frames (opcode 0) only carry the rest of a text frame; nothing to do.
        if (opcode != 0) {
            m.prefixLength = 0;
        }
    }

    private static boolean startsWith(Member m, byte[] expected) {
        if (m.prefixLength < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (m.prefix[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private void send(Member member, byte[] data) {
        if (!member.channel.isOpen()) {
            return;
        }
        member.outgoing.add(ByteBuffer.wrap(data));
        try {
            flush(member);
        } catch (IOException e) {
            fail(member, e);
        }
    }

    private void flush(Member member) throws IOException {
        ByteBuffer head;
        while ((head = member.outgoing.peek()) != null) {
            member.channel.write(head);
            if (head.hasRemaining()) {
                member.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            member.outgoing.poll();
        }
        if (member.key.isValid()) {
            member.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void fail(Member member, IOException e) {
        if (!member.done.isDone()) {
            failures.incrementAndGet();
            member.done.completeExceptionally(e);
        } else if (member.signedIn) {
            failures.incrementAndGet();
            online.decrementAndGet();
            member.signedIn = false;
            log.warn("A member lost its connection: {}", e.getMessage());
        }
        closeQuietly(member);
    }

    private static void closeQuietly(Member member) {
        try {
            member.key.cancel();
            member.channel.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    @Override
    public void close() {
        onLoop(() -> {
            for (SelectionKey key : selector.keys()) {
                closeQuietly((Member) key.attachment());
            }
            running = false;
        });
        try {
            thread.join(10_000);
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) 0x81;
        if (header == 2) {
            frame[1] = (byte) (0x80 | payload.length);
        } else if (header == 4) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
            }
        }
        // Mask key 0,0,0,0 (bytes header..header+3 stay zero): the payload goes as it is.
        System.arraycopy(payload, 0, frame, header + 4, payload.length);
        return frame;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** One guest's connection. Fields: {@code bench-crowd} thread only. */
    public static final class Member {
        private final SocketChannel channel;
        private final byte[] guestFrame;
        private final CompletableFuture<Joined> done;
        private final long startNanos;
        private final Queue<ByteBuffer> outgoing = new ArrayDeque<>(2);
        private final StringBuilder statusLine = new StringBuilder(12);
        private final byte[] header = new byte[10];
        private final byte[] prefix = new byte[PREFIX];
        private SelectionKey key;
        private long connectedNanos;
        private long helloNanos;
        private boolean upgraded;
        private boolean signedIn;
        private boolean fin;
        private int crlf;
        private int headerLength;
        private int headerWanted = 2;
        private int opcode;
        private int prefixLength;
        private long payloadLeft;

        private Member(SocketChannel channel, byte[] guestFrame, CompletableFuture<Joined> done, long startNanos) {
            this.channel = channel;
            this.guestFrame = guestFrame;
            this.done = done;
            this.startNanos = startNanos;
        }
    }
}
