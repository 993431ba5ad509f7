package dev.parley.server.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.VoiceBody;
import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceChallenge;
import dev.parley.protocol.voice.VoiceCipher;
import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceHello;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoiceLink;
import dev.parley.protocol.voice.VoicePing;
import dev.parley.protocol.voice.VoicePong;
import dev.parley.protocol.voice.VoiceWire;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class VoiceRelayTest {

    private static final int ALICE = 1;
    private static final int BOB = 2;
    private static final int CAROL = 3;
    private static final int DAVE = 4;

    private final FakeDirectory directory = new FakeDirectory();
    private final RecordingEvents events = new RecordingEvents();
    private final RecordingTunnel tunnel = new RecordingTunnel();
    private final List<TestVoiceClient> clients = new ArrayList<>();
    private VoiceRelay relay;

    @BeforeEach
    void startRelay() {
        for (int session : new int[] {ALICE, BOB, CAROL, DAVE}) {
            directory.enableVoice(session);
        }
        directory.setListeners(ALICE, BOB, CAROL);
        directory.setListeners(BOB, ALICE, CAROL);
        relay = new VoiceRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), directory, events, tunnel,
                Duration.ofMillis(300));
        relay.start();
    }

    @AfterEach
    void stopRelay() {
        clients.forEach(TestVoiceClient::close);
        relay.stop();
    }

    private TestVoiceClient client(int sessionId) {
        TestVoiceClient client = new TestVoiceClient(sessionId, directory.keyFor(sessionId).orElseThrow(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.localPort()));
        clients.add(client);
        return client;
    }

    private static AudioFrame frame(int speaker, int sequence, int flags) {
        byte[] opus = new byte[60 + sequence % 7];
        new Random(sequence).nextBytes(opus);
        return new AudioFrame(speaker, sequence, sequence * 960, flags, opus);
    }

    /** Round trip through the relay: everything sent before it has been fully handled. */
    private static void sync(TestVoiceClient client) {
        client.send(new VoicePing(77, 0));
        assertThat(client.receiveBody()).isInstanceOf(VoicePong.class);
    }

    @Test
    void helloBindsTheSourceAddressAndIsAcknowledged() {
        client(ALICE).bind();

        assertThat(relay.stats().sessions().get(ALICE).udpBound()).isTrue();
        assertThat(relay.stats().sessions().get(ALICE).packetsIn()).isEqualTo(1);
    }

    @Test
    void audioReachesEveryListenerDecryptedWithTheirOwnKey() {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();
        TestVoiceClient carol = client(CAROL).bind();
        AudioFrame spoken = frame(ALICE, 1, 0);

        alice.send(spoken);

        OpenResult.Opened atBob = bob.receiveOpened();
        OpenResult.Opened atCarol = carol.receiveOpened();
        assertThat(atBob.body()).isEqualTo(spoken);
        assertThat(atCarol.body()).isEqualTo(spoken);
        assertThat(atBob.keySessionId()).isEqualTo(BOB);
        assertThat(atCarol.keySessionId()).isEqualTo(CAROL);
    }

    @Test
    void sessionThatIsNotAListenerHearsNothing() {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();
        TestVoiceClient dave = client(DAVE).bind();

        alice.send(frame(ALICE, 1, 0));
        assertThat(bob.receiveBody()).isInstanceOf(AudioFrame.class);
        sync(alice);

        dave.assertNothingReceived();
        assertThat(relay.stats().sessions().get(DAVE).packetsOut()).isEqualTo(2); // the challenge and the hello ack only
        assertThat(tunnel.isEmpty()).isFalse(); // Carol never bound: she is reached by tunnel
    }

    @Test
    void forgedReplayedUnboundAndJunkDatagramsAreDroppedAndCountedWhileRealTrafficFlows() {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();
        byte[] real = alice.send(frame(ALICE, 1, 0));
        assertThat(bob.receiveBody()).isEqualTo(frame(ALICE, 1, 0));

        // Forged: right session id, wrong key.
        alice.sendRaw(new VoiceCipher(ALICE, VoiceKey.random(new SecureRandom()))
                .seal(VoiceDirection.CLIENT_TO_SERVER, 50, frame(ALICE, 2, 0)));
        // Replayed: a real datagram again.
        alice.sendRaw(real);
        // Unbound: Alice's own valid datagram, but from another address.
        TestVoiceClient stranger = client(ALICE);
        stranger.sendRaw(alice.link.seal(frame(ALICE, 3, 0)));
        // Junk, and a session the room does not know.
        byte[] junk = new byte[200];
        new Random(5).nextBytes(junk);
        alice.sendRaw(junk);
        alice.sendRaw(new VoiceCipher(999, VoiceKey.random(new SecureRandom()))
                .seal(VoiceDirection.CLIENT_TO_SERVER, 0, new VoiceHello(1)));
        // Audio claiming to be Bob, sealed with Alice's key.
        alice.send(frame(BOB, 4, 0));

        alice.send(frame(ALICE, 5, 0));

        assertThat(bob.receiveBody()).isEqualTo(frame(ALICE, 5, 0));
        VoiceRelayStats stats = relay.stats();
        assertThat(stats.badAuth()).isEqualTo(2);
        assertThat(stats.replayed()).isEqualTo(1);
        assertThat(stats.droppedUnbound()).isEqualTo(1);
        assertThat(stats.malformed()).isEqualTo(1);
        assertThat(stats.unknownSession()).isEqualTo(1);
        SessionVoiceStats aliceStats = stats.sessions().get(ALICE);
        assertThat(aliceStats.badAuth()).isEqualTo(2);
        assertThat(aliceStats.replayed()).isEqualTo(1);
        assertThat(aliceStats.droppedUnbound()).isEqualTo(1);
        assertThat(aliceStats.packetsIn()).isEqualTo(4); // hello, frame 1, the impostor frame, frame 5
    }

    @Test
    void oversizedDatagramIsDroppedAsMalformed() {
        TestVoiceClient alice = client(ALICE).bind();
        byte[] huge = new byte[VoiceWire.MAX_DATAGRAM_BYTES + 200];
        huge[0] = 1;
        huge[1] = 2;

        alice.sendRaw(huge);
        sync(alice);

        assertThat(relay.stats().malformed()).isEqualTo(1);
    }

    @Test
    void pingIsAnsweredWithPongCarryingUpstreamStats() {
        TestVoiceClient alice = client(ALICE).bind();
        alice.send(frame(ALICE, 1, 0));

        alice.send(new VoicePing(9, 123_456L));
        OpenResult.Opened pong = alice.receiveOpened();

        // Received: two hellos (the second echoing the cookie), the frame and the ping.
        assertThat(pong.body()).isEqualTo(new VoicePong(9, 123_456L, 4, 3));
        assertThat(pong.counter()).as("datagrams the relay sent Alice before the pong (challenge, ack)").isEqualTo(2);
    }

    @Test
    void talkingStartsWithAudioAndStopsOnEndOfTalk() {
        TestVoiceClient alice = client(ALICE).bind();

        alice.send(frame(ALICE, 1, 0));
        alice.send(frame(ALICE, 2, 0));
        alice.send(frame(ALICE, 3, AudioFrame.END_OF_TALK));
        sync(alice);

        assertThat(events.log).containsExactly("started " + ALICE, "stopped " + ALICE);
    }

    @Test
    void talkingStopsAfterTheTimeoutWithoutAudio() {
        TestVoiceClient alice = client(ALICE).bind();

        alice.send(frame(ALICE, 1, 0));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> events.log.equals(List.of("started " + ALICE, "stopped " + ALICE)));
        assertThat(relay.stats().sessions().get(ALICE).talking()).isFalse();
    }

    @Test
    void listenerWithoutUdpAddressGetsAudioThroughTheTunnel() throws InterruptedException {
        TestVoiceClient alice = client(ALICE).bind();
        directory.setListeners(ALICE, CAROL);

        alice.send(frame(ALICE, 1, 0));

        RecordingTunnel.Delivery delivery = tunnel.next();
        VoiceLink carol = new VoiceLink(CAROL, directory.keyFor(CAROL).orElseThrow(), VoiceDirection.CLIENT_TO_SERVER);
        assertThat(delivery.listenerSessionId()).isEqualTo(CAROL);
        assertThat(carol.open(delivery.datagram())).isEqualTo(new OpenResult.Opened(CAROL, 0, frame(ALICE, 1, 0)));
        // Counted on the relay thread just after the hand-off, so wait for it rather than race it.
        await().until(() -> relay.stats().tunneledOut() == 1);
    }

    @Test
    void tunneledAudioIsRelayedAndTheSenderIsAnsweredThroughTheTunnel() throws InterruptedException {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();
        directory.setListeners(ALICE, BOB);

        relay.acceptTunneled(ALICE, alice.link.seal(frame(ALICE, 1, 0)));
        relay.acceptTunneled(ALICE, alice.link.seal(new VoicePing(3, 4)));

        assertThat(bob.receiveBody()).isEqualTo(frame(ALICE, 1, 0));
        RecordingTunnel.Delivery pong = tunnel.next();
        assertThat(pong.listenerSessionId()).isEqualTo(ALICE);
        assertThat(alice.link.open(pong.datagram())).isInstanceOfSatisfying(OpenResult.Opened.class,
                opened -> assertThat(opened.body()).isEqualTo(new VoicePong(3, 4, 4, 3)));
        // Tunnelled audio chooses the path back but never unbinds the verified UDP address.
        assertThat(relay.stats().sessions().get(ALICE).udpBound()).isTrue();
    }

    @Test
    void tunneledDatagramForAnotherSessionIsRefused() {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();

        relay.acceptTunneled(BOB, alice.link.seal(frame(ALICE, 1, 0)));
        // The relay drains the tunnel queue once per loop turn, so a UDP round trip is no barrier for it.
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.stats().badAuth() == 1);
        sync(bob);

        bob.assertNothingReceived();
        assertThat(tunnel.isEmpty()).isTrue();
    }

    @Test
    void helloFromANewAddressRebindsTheSession() {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();

        alice.changePort();
        alice.bind();
        bob.send(frame(BOB, 1, 0));

        assertThat(alice.receiveBody()).isEqualTo(frame(BOB, 1, 0));
    }

    @Test
    void replayedHelloFromAnotherAddressDoesNotStealTheBinding() {
        TestVoiceClient alice = client(ALICE);
        alice.send(new VoiceHello(1));
        VoiceChallenge challenge = (VoiceChallenge) alice.receiveBody();
        byte[] hello = alice.send(new VoiceHello(1, challenge.cookie()));
        assertThat(alice.receiveBody()).isEqualTo(new VoiceHello(1));
        TestVoiceClient eavesdropper = client(ALICE);
        TestVoiceClient bob = client(BOB).bind();

        eavesdropper.sendRaw(hello);
        bob.send(frame(BOB, 1, 0));

        assertThat(alice.receiveBody()).isEqualTo(frame(BOB, 1, 0));
        eavesdropper.assertNothingReceived();
        assertThat(relay.stats().replayed()).isEqualTo(1);
    }

    /**
     * Issue 11 item 8: a member holding a session key sends a HELLO whose source is spoofed to a third
     * host (127.0.0.2 stands for it). Before the fix the relay rebound the session there and sent the
     * channel's audio to that host, 8 KB/s for 38 bytes. Now the third host gets one challenge no
     * larger than the HELLO, and the session's voice stays where it was.
     */
    @Test
    void spoofedHelloFromAThirdAddressCannotRedirectTheSessionsAudio() throws Exception {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();
        TestVoiceClient thirdHost = new TestVoiceClient(BOB, directory.keyFor(BOB).orElseThrow(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.localPort()),
                InetAddress.getByName("127.0.0.2"));
        clients.add(thirdHost);
        // The spoofed HELLO: sealed with Bob's key by Bob (he holds it), arriving "from" the third host.
        byte[] spoofed = bob.link.seal(new VoiceHello(99));
        thirdHost.sendRaw(spoofed);
        byte[] challenge = thirdHost.poll(5_000);
        assertThat(challenge).as("the third host is challenged").isNotNull();

        for (int i = 1; i <= 20; i++) {
            alice.send(frame(ALICE, i, 0));
            assertThat(bob.receiveBody()).as("Bob keeps hearing at his own address").isEqualTo(frame(ALICE, i, 0));
        }
        sync(alice);

        thirdHost.assertNothingReceived();
        assertThat(challenge.length).as("no amplification").isLessThanOrEqualTo(spoofed.length);
        // To Bob's own address: challenge, ack, the 20 frames; to the third host: one challenge.
        assertThat(relay.stats().sessions().get(BOB).packetsOut()).isEqualTo(3 + 20);
    }

    @Test
    void challengeIsNeverLargerThanTheDatagramThatCausedIt() {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient moved = client(ALICE);

        byte[] ping = alice.link.seal(new VoicePing(1, 2)); // the smallest datagram a client sends
        moved.sendRaw(ping);
        byte[] challenge = moved.poll(5_000);

        assertThat(challenge).isNotNull();
        assertThat(challenge.length).isLessThanOrEqualTo(ping.length);
        assertThat(alice.link.open(challenge)).isInstanceOfSatisfying(OpenResult.Opened.class,
                opened -> assertThat(opened.body()).isInstanceOf(VoiceChallenge.class));
        assertThat(relay.stats().droppedUnbound()).isEqualTo(1); // the ping got no pong there
    }

    @Test
    void clientMovingToANewPortIsChallengedAndKeepsTalkingAndHearing() {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();

        alice.changePort(); // a NAT rebinding: same keys and counters, new source port
        alice.send(frame(ALICE, 1, 0));
        VoiceBody challenge = alice.receiveBody();
        assertThat(challenge).isInstanceOf(VoiceChallenge.class);
        alice.send(new VoiceHello(7, ((VoiceChallenge) challenge).cookie()));
        assertThat(alice.receiveBody()).isEqualTo(new VoiceHello(7));
        alice.send(frame(ALICE, 2, 0));
        bob.send(frame(BOB, 1, 0));

        assertThat(bob.receiveBody()).isEqualTo(frame(ALICE, 2, 0));
        assertThat(alice.receiveBody()).isEqualTo(frame(BOB, 1, 0));
    }

    @Test
    void tunnelledAudioNeverUnbindsUdpAndUdpAudioTakesTheSessionBack() throws InterruptedException {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();

        // Alice falls back to the tunnel, then returns to UDP while her last tunnelled frame is still on its way.
        relay.acceptTunneled(ALICE, alice.link.seal(frame(ALICE, 1, 0)));
        assertThat(bob.receiveBody()).isEqualTo(frame(ALICE, 1, 0));
        byte[] late = alice.link.seal(frame(ALICE, 2, 0));
        alice.send(frame(ALICE, 3, 0));
        assertThat(bob.receiveBody()).isEqualTo(frame(ALICE, 3, 0));
        relay.acceptTunneled(ALICE, late);
        assertThat(bob.receiveBody()).isEqualTo(frame(ALICE, 2, 0));
        alice.send(frame(ALICE, 4, 0));

        assertThat(bob.receiveBody()).as("UDP from the bound address is never dropped").isEqualTo(frame(ALICE, 4, 0));
        bob.send(frame(BOB, 1, 0));
        assertThat(alice.receiveBody()).as("and Alice is answered over UDP again").isEqualTo(frame(BOB, 1, 0));
        assertThat(relay.stats().droppedUnbound()).isZero();
    }

    @Test
    void failingCallbacksAndTunnelDoNotStopTheRelay() {
        VoiceEvents throwingEvents = new VoiceEvents() {
            @Override
            public void talkingStarted(int sessionId, int target) {
                throw new IllegalStateException("broadcaster down");
            }

            @Override
            public void talkingStopped(int sessionId) {
                throw new IllegalStateException("broadcaster down");
            }
        };
        VoiceTunnel throwingTunnel = (listener, datagram) -> {
            throw new IllegalStateException("connection gone");
        };
        relay.stop();
        relay = new VoiceRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), directory, throwingEvents,
                throwingTunnel);
        relay.start();
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();
        directory.setListeners(ALICE, CAROL, BOB); // Carol has no UDP address: her tunnel throws first

        alice.send(frame(ALICE, 1, 0));
        alice.send(frame(ALICE, 2, AudioFrame.END_OF_TALK));

        assertThat(bob.receiveBody()).isEqualTo(frame(ALICE, 1, 0));
        assertThat(bob.receiveBody()).isEqualTo(frame(ALICE, 2, AudioFrame.END_OF_TALK));
        assertThat(relay.stats().sendFailures()).isEqualTo(2);
    }

    @Test
    void forgottenSessionLosesItsStateAndHearsNothing() {
        TestVoiceClient alice = client(ALICE).bind();
        TestVoiceClient bob = client(BOB).bind();
        alice.send(frame(ALICE, 1, 0));
        assertThat(bob.receiveBody()).isInstanceOf(AudioFrame.class);

        directory.disableVoice(BOB);
        relay.forget(BOB);
        await().atMost(Duration.ofSeconds(5)).until(() -> !relay.stats().sessions().containsKey(BOB));
        alice.send(frame(ALICE, 2, 0));
        sync(alice);

        bob.assertNothingReceived();
        assertThat(relay.stats().sessions()).doesNotContainKey(BOB);
    }

    @Test
    void newKeyForASessionStartsItsRelayStateOver() {
        TestVoiceClient old = client(ALICE).bind();
        directory.enableVoice(ALICE); // a new key, as after a reconnect

        // Counter 0 again: the relay accepts and acknowledges it only because the session started over.
        TestVoiceClient fresh = client(ALICE).bind();
        old.send(new VoiceHello(5));
        sync(fresh);

        assertThat(relay.stats().badAuth()).isEqualTo(1);
        assertThat(relay.stats().sessions().get(ALICE).packetsIn()).isEqualTo(2); // fresh hello and ping
    }

    @Test
    void stopEndsTheThreadAndReleasesThePort() throws Exception {
        int port = relay.localPort();

        relay.stop();

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals(VoiceRelay.THREAD_NAME));
        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
        relay.stop(); // idempotent
    }
}
