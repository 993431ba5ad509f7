package dev.parley.bench.load;

import dev.parley.bench.load.murmur.CryptState;
import dev.parley.bench.load.murmur.MumbleControl;
import dev.parley.bench.load.murmur.MumbleWire;
import dev.parley.bench.load.murmur.MurmurServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice through a real Murmur (Mumble 1.3's server) over its real paths: each client has its own TLS
 * control connection (Version, Authenticate, CryptSetup, ServerSync, UserState to join its channel),
 * binds UDP with an encrypted UDP ping that Murmur echoes, and talks in Mumble's legacy UDP voice
 * format (Opus, normal talking) encrypted with its own OCB2-AES128 state; every listener decrypts
 * with its own. Several channels: SuperUser creates them first. Threads as {@link VoiceTarget} says,
 * plus one that pings every control connection every 10 s so Murmur keeps them.
 */
final class MurmurVoiceTarget implements VoiceTarget {

    private static final Logger log = LoggerFactory.getLogger(MurmurVoiceTarget.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SUPERUSER_PASSWORD = "benchmark superuser";

    /** A client's control connection and its two crypt directions (sender thread / receiver thread). */
    private record Wire(MumbleControl control, CryptState.Encrypter encrypter, CryptState.Decrypter decrypter) {
    }

    private final Path murmurd;
    private final List<MumbleControl> controls = new ArrayList<>();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-mumble-ping");
        thread.setDaemon(true);
        return thread;
    });
    /** Plaintext scratch: {@link #sendPlain} for bind and audio (under its own lock), {@link #receivePlain} for the receiver thread. */
    private final byte[] sendPlain = new byte[2048];
    private final byte[] receivePlain = new byte[2048];
    private final List<VoiceClient> clients = new ArrayList<>();
    private MurmurServer server;

    MurmurVoiceTarget(Path murmurd) {
        this.murmurd = murmurd;
    }

    @Override
    public String name() {
        return "Murmur";
    }

    @Override
    public List<VoiceClient> connect(Scenario scenario) {
        boolean channels = scenario.channelSizes().size() > 1;
        server = MurmurServer.start(murmurd, scenario.clients() + 10, channels ? SUPERUSER_PASSWORD : null);
        pinger.scheduleAtFixedRate(this::pingAll, 10, 10, TimeUnit.SECONDS);
        List<Long> channelIds = new ArrayList<>();
        if (channels) {
            MumbleControl admin = MumbleControl.connect(server.port(), "SuperUser", SUPERUSER_PASSWORD, TIMEOUT);
            add(admin);
            for (int i = 0; i < scenario.channelSizes().size(); i++) {
                channelIds.add(admin.createChannel("bench-" + i, TIMEOUT));
            }
        } else {
            channelIds.add(0L); // the root channel, where every client starts
        }
        InetSocketAddress udpAddress = new InetSocketAddress("127.0.0.1", server.port());
        try {
            for (int group = 0; group < channelIds.size(); group++) {
                int size = scenario.channelSizes().get(group);
                for (int i = 0; i < size; i++) {
                    int index = clients.size();
                    MumbleControl control = MumbleControl.connect(server.port(), "v" + index, "", TIMEOUT);
                    add(control);
                    if (channelIds.get(group) != 0L) {
                        control.join(channelIds.get(group), TIMEOUT);
                    }
                    MumbleControl.Crypt crypt = control.crypt();
                    Wire wire = new Wire(control, new CryptState.Encrypter(crypt.key(), crypt.clientNonce()),
                            new CryptState.Decrypter(crypt.key(), crypt.serverNonce()));
                    DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)).connect(udpAddress);
                    clients.add(new VoiceClient(index, group, size, i < scenario.talkersPerChannel().get(group), udp, wire));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clients;
    }

    private synchronized void add(MumbleControl control) {
        controls.add(control);
    }

    private synchronized void pingAll() {
        for (MumbleControl control : controls) {
            try {
                control.ping();
            } catch (RuntimeException e) {
                log.warn("pinging Murmur failed", e);
            }
        }
    }

    @Override
    public byte[] bind(VoiceClient client) {
        // An encrypted UDP ping: Murmur learns the client's UDP address from it and echoes it back.
        synchronized (sendPlain) {
            int length = MumbleWire.ping(sendPlain, System.nanoTime() / 1000);
            byte[] out = new byte[length + CryptState.HEADER_BYTES];
            wire(client).encrypter().encrypt(sendPlain, 0, length, out);
            return out;
        }
    }

    @Override
    public int audio(VoiceClient client, int sequence, byte[] opus, long sentNanos, byte[] out) {
        Bytes.putLong(opus, 0, sentNanos);
        synchronized (sendPlain) {
            // Mumble counts its sequence in 10 ms frames: a 20 ms packet advances it by 2.
            int length = MumbleWire.opusFromClient(sendPlain, 2L * sequence, opus, opus.length);
            return wire(client).encrypter().encrypt(sendPlain, 0, length, out);
        }
    }

    @Override
    public long sentNanos(VoiceClient listener, byte[] datagram, int length) {
        int plainLength = wire(listener).decrypter().decrypt(datagram, length, receivePlain);
        if (plainLength < 1) {
            return -1;
        }
        int type = (receivePlain[0] >> 5) & 7;
        if (type == MumbleWire.UDP_PING) {
            listener.bound = true;
            return -1;
        }
        MumbleWire.OpusAt opus = MumbleWire.opusFromServer(receivePlain, plainLength);
        if (opus == null || opus.length() < 8) {
            return -1;
        }
        listener.heard(receivePlain, opus.offset(), opus.length());
        return Bytes.getLong(receivePlain, opus.offset());
    }

    @Override
    public boolean isAudio(byte[] datagram, int length) {
        // Only the 4-byte crypt header is clear; a ping's plaintext is at most 10 bytes, audio more.
        return length > CryptState.HEADER_BYTES + 10;
    }

    @Override
    public ChildProcess process() {
        return server.process();
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        long good = 0;
        long late = 0;
        long lost = 0;
        long overTcp = 0;
        for (VoiceClient client : clients) {
            Wire wire = wire(client);
            good += wire.decrypter().good();
            late += wire.decrypter().late();
            lost += wire.decrypter().lost();
            overTcp += wire.control().voiceOverTcp();
        }
        log.info("Murmur: listeners decrypted {} datagrams ({} late, {} lost by nonce); {} voice packets came over TCP",
                good, late, lost, overTcp);
        synchronized (this) {
            for (MumbleControl control : controls) {
                control.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private static Wire wire(VoiceClient client) {
        return (Wire) client.wire;
    }
}
