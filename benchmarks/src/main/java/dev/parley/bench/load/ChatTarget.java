package dev.parley.bench.load;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A chat server under load: a Parley room or the Node {@code ws} peer, each in its own process.
 * Both get the very same {@code chat.send} frames. Only Parley needs its clients signed in.
 * Thread-safe: immutable after start.
 */
final class ChatTarget implements AutoCloseable {

    private static final ControlCodec CODEC = new ControlCodec();

    private final String name;
    private final ChildProcess process;
    private final URI uri;
    private final boolean parley;

    private ChatTarget(String name, ChildProcess process, boolean parley) {
        this.name = name;
        this.process = process;
        this.uri = URI.create("ws://127.0.0.1:" + process.readyInt(0));
        this.parley = parley;
    }

    static ChatTarget parley(String name, List<String> jvmOptions, Path dataDir) {
        return new ChatTarget(name, ChildProcess.java("parley-server", jvmOptions, BenchServerMain.class,
                List.of(dataDir.toString())), true);
    }

    /** A Parley room whose data is in the PostgreSQL database at {@code jdbcUrl} (its folder keeps only the certificate). */
    static ChatTarget parleyOnPostgres(String name, List<String> jvmOptions, Path dataDir, String jdbcUrl) {
        return new ChatTarget(name, ChildProcess.java("parley-server", jvmOptions, BenchServerMain.class,
                List.of(dataDir.toString(), jdbcUrl)), true);
    }

    static ChatTarget nodePeer(Path peerDir) {
        return new ChatTarget("Node ws peer", ChildProcess.start("node-peer", List.of("node", "server.mjs", "0"),
                peerDir.toFile()), false);
    }

    String name() {
        return name;
    }

    URI uri() {
        return uri;
    }

    ChildProcess process() {
        return process;
    }

    /** Parley: hello and a guest join, waiting for each reply; the peer needs nothing. */
    void signIn(ChatClient client, int index) throws InterruptedException {
        if (!parley) {
            return;
        }
        request(client, "h" + index, new Session.Hello(ProtocolVersion.CURRENT, "parley-bench"), process);
        request(client, "g" + index, new Session.GuestJoin("c" + index, null), process);
    }

    /** The frame that posts message {@code index} to the lobby (channel 1). */
    static String sendFrame(int index, String text) {
        return CODEC.encode(Envelope.request("s" + index, new Chat.Send(
                1L, null, text, "m" + index, null)));
    }

    private static void request(ChatClient client, String id, Request request, ChildProcess room) throws InterruptedException {
        client.send(CODEC.encode(Envelope.request(id, request)));
        String marker = "\"id\":\"" + id + "\"";
        for (String frame = client.nextOtherFrame(); frame != null; frame = client.nextOtherFrame()) {
            if (frame.contains(marker)) {
                if (frame.contains("\"type\":\"error\"")) {
                    throw new IllegalStateException(request + " refused: " + frame);
                }
                return;
            }
        }
        throw new IllegalStateException("no reply to " + request + " within 30 s; connection "
                + (client.isOpen() ? "open" : "not open") + (client.trouble() == null ? "" : ", " + client.trouble())
                + "; the room's last output:\n" + room.recentOutput());
    }

    @Override
    public void close() {
        process.close();
    }

    /** The peer's folder: benchmarks/node-peer from the repository root, or node-peer from the module. */
    static Path findPeerDir() {
        for (String candidate : List.of("benchmarks/node-peer", "node-peer")) {
            File dir = new File(candidate);
            if (new File(dir, "server.mjs").isFile()) {
                return dir.toPath();
            }
        }
        return Path.of("benchmarks/node-peer");
    }
}
