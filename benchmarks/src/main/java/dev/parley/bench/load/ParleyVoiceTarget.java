package dev.parley.bench.load;

import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceChallenge;
import dev.parley.protocol.voice.VoiceCookie;
import dev.parley.protocol.voice.VoiceHello;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoiceLink;
import dev.parley.protocol.voice.VoicePacketKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Voice through a real Parley room in its own JVM: every client signs in as a guest over its own
 * control connection, joins its channel, asks for {@code voice.start} and binds UDP with a sealed
 * HELLO. Audio is sealed with the client's real key and opened by each listener with its own.
 * Threads as {@link VoiceTarget} says: each client's sending link is the sender thread's, its
 * receiving link the receiver thread's.
 */
final class ParleyVoiceTarget implements VoiceTarget {

    /** A client's two ends of its link: the sender thread seals, the receiver thread opens (a link is single-threaded). */
    private record Links(int sessionId, VoiceLink sending, VoiceLink receiving, ControlLink control,
                         AtomicReference<VoiceCookie> cookie) {
    }

    private final ChildProcess server;
    private final int controlPort;
    private final InetSocketAddress relay;
    private final List<ControlLink> controls = new ArrayList<>();

    ParleyVoiceTarget(List<String> jvmOptions, Path dataDir) {
        server = ChildProcess.java("parley-server", jvmOptions, BenchServerMain.class, List.of(dataDir.toString()));
        controlPort = server.readyInt(0);
        relay = new InetSocketAddress("127.0.0.1", server.readyInt(1));
    }

    @Override
    public String name() {
        return "Parley relay";
    }

    @Override
    public List<VoiceClient> connect(Scenario scenario) {
        List<Long> channelIds = createChannels(scenario.channelSizes().size());
        List<VoiceClient> clients = new ArrayList<>();
        try {
            for (int group = 0; group < channelIds.size(); group++) {
                int size = scenario.channelSizes().get(group);
                for (int i = 0; i < size; i++) {
                    int index = clients.size();
                    ControlLink control = ControlLink.open(controlPort);
                    controls.add(control);
                    control.call(new Session.GuestJoin("v" + index, null), Session.AuthOk.class);
                    control.call(new Channels.Join(channelIds.get(group), null), Ok.class);
                    Voice.Ready ready = control.call(new Voice.Start(), Voice.Ready.class);
                    VoiceKey key = VoiceKey.fromBase64(ready.key());
                    Links links = new Links(ready.sessionId(),
                            new VoiceLink(ready.sessionId(), key, VoiceDirection.CLIENT_TO_SERVER),
                            new VoiceLink(ready.sessionId(), key, VoiceDirection.CLIENT_TO_SERVER), control,
                            new AtomicReference<>(VoiceCookie.NONE));
                    DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)).connect(relay);
                    clients.add(new VoiceClient(index, group, size, i < scenario.talkersPerChannel().get(group), udp, links));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clients;
    }

    /** An admin account creates one channel per group; the admin stays connected but silent. */
    private List<Long> createChannels(int count) {
        ControlLink admin = ControlLink.open(controlPort);
        controls.add(admin);
        admin.call(new Session.Register("bench-admin", "benchmark password 1", null), Session.AuthOk.class);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(admin.call(new Channels.Create(null, "bench-" + i, null, null, null), Channels.Created.class)
                    .channel().id());
        }
        return ids;
    }

    @Override
    public byte[] bind(VoiceClient client) {
        // The sender thread seals everything after setup; the HELLO is sealed before it starts.
        synchronized (client) {
            // The first HELLO draws the relay's challenge; the next one echoes its cookie and binds.
            return links(client).sending().seal(new VoiceHello(client.index, links(client).cookie().get()));
        }
    }

    @Override
    public int audio(VoiceClient client, int sequence, byte[] opus, long sentNanos, byte[] out) {
        Links links = links(client);
        Bytes.putLong(opus, 0, sentNanos);
        synchronized (client) {
            return links.sending().seal(new AudioFrame(links.sessionId(), sequence, sequence * 960, 0, opus), out);
        }
    }

    @Override
    public long sentNanos(VoiceClient listener, byte[] datagram, int length) {
        OpenResult result = links(listener).receiving().open(datagram, 0, length);
        if (!(result instanceof OpenResult.Opened opened)) {
            return -1;
        }
        if (opened.body() instanceof AudioFrame frame) {
            listener.heard(frame.payload(), 0, frame.payload().length);
            return Bytes.getLong(frame.payload(), 0);
        }
        if (opened.body() instanceof VoiceChallenge challenge) {
            links(listener).cookie().set(challenge.cookie());
        }
        if (opened.body() instanceof VoiceHello) {
            listener.bound = true;
        }
        return -1;
    }

    @Override
    public boolean isAudio(byte[] datagram, int length) {
        return length > 1 && datagram[1] == VoicePacketKind.AUDIO.wireValue();
    }

    @Override
    public ChildProcess process() {
        return server;
    }

    @Override
    public void close() {
        for (ControlLink control : controls) {
            control.close();
        }
        server.close();
    }

    private static Links links(VoiceClient client) {
        return (Links) client.wire;
    }
}
