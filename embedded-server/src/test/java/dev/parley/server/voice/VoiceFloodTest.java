package dev.parley.server.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceCipher;
import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceChallenge;
import dev.parley.protocol.voice.VoiceHello;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoiceLink;
import dev.parley.protocol.voice.VoicePing;
import dev.parley.protocol.voice.VoicePong;
import dev.parley.protocol.voice.VoiceWire;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flood of junk UDP from addresses bound to no session (random bytes, replays of a real
 * speaker's datagrams, packets forged with wrong keys, hellos claiming real sessions) while a real
 * speaker talks: the relay drops and counts the junk, and the listener still hears the speaker.
 * Logs the figures: junk datagrams/s handled, the real stream's loss and latency with and without the flood.
 */
@Timeout(60)
class VoiceFloodTest {
    private static final Logger log = LoggerFactory.getLogger(VoiceFloodTest.class);
    private static final int ALICE = 1;
    private static final int BOB = 2;
    private static final int FRAMES = 100;
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * Junk datagrams per second: a flood a LAN guest can keep up (about 60 Mbit/s of random sizes).
     * {@code -Dparley.flood.rate=0} floods as fast as one thread can, to find the relay's ceiling;
     * the sender then competes with the relay for this machine's cores, so loss is not asserted.
     */
    private static final int FLOOD_RATE = Integer.getInteger("parley.flood.rate", 10_000);

    private final FakeDirectory directory = new FakeDirectory();
    private VoiceRelay relay;
    private TestVoiceClient alice;
    private DatagramSocket bobSocket;
    private VoiceLink bobLink;

    @BeforeEach
    void start() throws IOException {
        directory.enableVoice(ALICE);
        directory.enableVoice(BOB);
        directory.setListeners(ALICE, BOB);
        relay = new VoiceRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), directory,
                new RecordingEvents(), new RecordingTunnel(), Duration.ofMillis(300));
        relay.start();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.localPort());
        alice = new TestVoiceClient(ALICE, directory.keyFor(ALICE).orElseThrow(), address).bind();
        // Bob listens on his own thread, so he needs his own socket and link.
        bobSocket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        bobLink = new VoiceLink(BOB, directory.keyFor(BOB).orElseThrow(), VoiceDirection.CLIENT_TO_SERVER);
        byte[] hello = bobLink.seal(new VoiceHello(42));
        bobSocket.send(new DatagramPacket(hello, hello.length, address));
        VoiceChallenge challenge = (VoiceChallenge) ((OpenResult.Opened) bobLink.open(receive(5_000))).body();
        hello = bobLink.seal(new VoiceHello(42, challenge.cookie()));
        bobSocket.send(new DatagramPacket(hello, hello.length, address));
        assertThat(((OpenResult.Opened) bobLink.open(receive(5_000))).body()).isEqualTo(new VoiceHello(42));
    }

    @AfterEach
    void stop() {
        alice.close();
        bobSocket.close();
        relay.stop();
    }

    @Test
    void junkFloodFromUnboundAddressesLeavesRealVoiceAlone() throws Exception {
        List<byte[]> captured = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            captured.add(alice.send(new VoicePing(i, 0)));
            assertThat(alice.receiveBody()).isInstanceOf(VoicePong.class);
        }
        Run quiet = talk(0);

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong junkSent = new AtomicLong();
        VoiceRelayStats before = relay.stats();
        Thread attacker = new Thread(() -> flood(captured, flooding, junkSent), "junk-flood");
        long floodStart = System.nanoTime();
        attacker.start();
        await().until(() -> junkSent.get() > 1_000);
        Run flooded = talk(FRAMES);
        flooding.set(false);
        attacker.join();
        double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
        VoiceRelayStats after = relay.stats();

        long handled = after.datagramsIn() - before.datagramsIn() - flooded.received();
        long refused = (after.malformed() - before.malformed()) + (after.badAuth() - before.badAuth())
                + (after.replayed() - before.replayed()) + (after.droppedUnbound() - before.droppedUnbound())
                + (after.unknownSession() - before.unknownSession());
        log.info("Junk flood (target {}/s): {} datagrams sent in {} s ({}/s); relay handled {} ({}/s), refused {}",
                FLOOD_RATE == 0 ? "unlimited" : FLOOD_RATE, junkSent.get(), String.format("%.1f", floodSeconds), (long) (junkSent.get() / floodSeconds), handled,
                (long) (handled / floodSeconds), refused);
        log.info("Real stream without flood: {}; during flood: {}", quiet, flooded);

        assertThat(refused).as("every junk datagram the relay read was refused")
                .isBetween(handled - flooded.lost(), handled);
        assertThat(after.packetsOut() - before.packetsOut()).as("nothing but the real frames went out")
                .isEqualTo(flooded.received());
        SessionVoiceStats speaker = after.sessions().get(ALICE);
        assertThat(flooded.received()).as("every real frame that reached the relay was relayed")
                .isEqualTo(speaker.packetsIn() - before.sessions().get(ALICE).packetsIn());
        if (FLOOD_RATE > 0) {
            // Loss here means the relay thread got no CPU for a while and the kernel dropped
            // datagrams (the flooder shares this machine); the relay's own logic drops none (above).
            // Generous, since test machines are shared: a figure, not a benchmark.
            assertThat(flooded.lost()).as("real frames lost during the flood").isLessThanOrEqualTo(FRAMES / 4);
        }
        assertThat(flooded.foreign()).as("junk that reached the listener").isZero();
    }

    /** Alice speaks {@code FRAMES} frames at real-time pace; Bob receives on his own thread. */
    private Run talk(int firstSequence) throws Exception {
        Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
        Map<Integer, Long> latency = new ConcurrentHashMap<>();
        AtomicLong foreign = new AtomicLong();
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread bob = new Thread(() -> {
            while (listening.get()) {
                byte[] datagram = receive(50);
                if (datagram == null) {
                    continue;
                }
                long now = System.nanoTime();
                if (bobLink.open(datagram) instanceof OpenResult.Opened opened
                        && opened.body() instanceof AudioFrame frame && sentAt.containsKey(frame.sequence())) {
                    latency.put(frame.sequence(), now - sentAt.get(frame.sequence()));
                } else {
                    foreign.incrementAndGet();
                }
            }
        }, "bob-listens");
        bob.start();
        byte[] opus = new byte[80];
        new Random(1).nextBytes(opus);
        long next = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            int sequence = firstSequence + i;
            sentAt.put(sequence, System.nanoTime());
            alice.send(new AudioFrame(ALICE, sequence, sequence * 960, 0, opus));
            next += FRAME_NANOS;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        // Everything that is coming has come once the last frame is in, or nothing arrived for a while.
        AtomicLong lastCount = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> latency.size() == FRAMES || lastCount.getAndSet(latency.size()) == latency.size());
        listening.set(false);
        bob.join();
        long[] micros = latency.values().stream().mapToLong(n -> n / 1_000).sorted().toArray();
        return new Run(latency.size(), FRAMES - latency.size(), foreign.get(),
                micros.length == 0 ? -1 : micros[micros.length / 2],
                micros.length == 0 ? -1 : micros[Math.min(micros.length - 1, micros.length * 99 / 100)]);
    }

    /** What the listener got. */
    record Run(long received, long lost, long foreign, long p50Micros, long p99Micros) {
        @Override
        public String toString() {
            return received + " received, " + lost + " lost, latency p50 " + p50Micros + " µs, p99 " + p99Micros + " µs";
        }
    }

    private void flood(List<byte[]> captured, AtomicBoolean flooding, AtomicLong sent) {
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.localPort());
        Random random = new Random(7);
        SecureRandom keys = new SecureRandom();
        VoiceCipher forgedAlice = new VoiceCipher(ALICE, VoiceKey.random(keys));
        VoiceCipher forgedBob = new VoiceCipher(BOB, VoiceKey.random(keys));
        long counter = 1;
        long perMilli = Math.max(1, FLOOD_RATE / 1000);
        long nextMilli = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            while (flooding.get()) {
                byte[] junk = switch ((int) (sent.get() % 4)) {
                    case 0 -> {
                        byte[] bytes = new byte[1 + random.nextInt(VoiceWire.MAX_DATAGRAM_BYTES + 100)];
                        random.nextBytes(bytes);
                        yield bytes;
                    }
                    case 1 -> captured.get(random.nextInt(captured.size()));
                    case 2 -> forgedAlice.seal(VoiceDirection.CLIENT_TO_SERVER, counter++, new VoiceHello(counter));
                    default -> forgedBob.seal(VoiceDirection.CLIENT_TO_SERVER, counter++,
                            new AudioFrame(BOB, (int) counter, 0, 0, Arrays.copyOf(captured.get(0), 40)));
                };
                socket.send(new DatagramPacket(junk, junk.length, target));
                if (sent.incrementAndGet() % perMilli == 0 && FLOOD_RATE > 0) {
                    nextMilli += 1_000_000;
                    LockSupport.parkNanos(nextMilli - System.nanoTime());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] receive(int timeoutMillis) {
        byte[] buffer = new byte[VoiceWire.MAX_DATAGRAM_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            bobSocket.setSoTimeout(timeoutMillis);
            bobSocket.receive(packet);
            return Arrays.copyOf(buffer, packet.getLength());
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            if (bobSocket.isClosed()) {
                return null;
            }
            throw new IllegalStateException(e);
        }
    }
}
