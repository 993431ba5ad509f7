package dev.parley.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceBody;
import dev.parley.protocol.voice.VoiceChallenge;
import dev.parley.protocol.voice.VoiceCookie;
import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceHello;
import dev.parley.protocol.voice.VoiceLink;
import dev.parley.protocol.voice.VoicePing;
import dev.parley.protocol.voice.VoicePong;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay's address and path rules without sockets: a fake clock, a recording UDP output. */
class RelayEngineTest {

    private static final long MS = 1_000_000L;
    private static final int ALICE = 1;
    private static final int BOB = 2;
    private static final SocketAddress ALICE_HOME = new InetSocketAddress("127.0.0.1", 4001);
    private static final SocketAddress ALICE_MOVED = new InetSocketAddress("127.0.0.1", 4002);
    private static final SocketAddress THIRD_HOST = new InetSocketAddress("127.0.0.2", 4001);
    private static final SocketAddress BOB_HOME = new InetSocketAddress("127.0.0.1", 5001);

    private record Sent(SocketAddress to, byte[] datagram) {
    }

    private final FakeDirectory directory = new FakeDirectory();
    private final RecordingTunnel tunnel = new RecordingTunnel();
    private final List<Sent> udp = new ArrayList<>();
    private RelayEngine engine;
    private VoiceLink alice;
    private VoiceLink bob;
    private long now = 1_000 * MS;

    @BeforeEach
    void setUp() {
        alice = new VoiceLink(ALICE, directory.enableVoice(ALICE), VoiceDirection.CLIENT_TO_SERVER);
        bob = new VoiceLink(BOB, directory.enableVoice(BOB), VoiceDirection.CLIENT_TO_SERVER);
        directory.setListeners(ALICE, BOB);
        directory.setListeners(BOB, ALICE);
        engine = new RelayEngine(directory, new RecordingEvents(), tunnel,
                (to, datagram, length) -> udp.add(new Sent(to, Arrays.copyOf(datagram, length))), 300 * MS,
                new SecureRandom());
        bind(alice, ALICE_HOME);
        bind(bob, BOB_HOME);
    }

    @Test
    void aCookieIsGoodOnlyForTheAddressItWasSentTo() {
        VoiceCookie forMoved = challengeFor(alice, ALICE_MOVED);
        udpFrom(alice, new VoiceHello(1, forMoved), THIRD_HOST);

        assertThat(lastTo(THIRD_HOST)).isInstanceOf(VoiceChallenge.class);
        assertHeardAt(ALICE_HOME);
    }

    @Test
    void aCookieIsGoodOnlyForTheSessionItWasMadeFor() {
        VoiceCookie bobsCookie = challengeFor(bob, ALICE_MOVED);
        udpFrom(alice, new VoiceHello(1, bobsCookie), ALICE_MOVED);

        assertThat(lastTo(ALICE_MOVED)).isInstanceOf(VoiceChallenge.class);
        assertHeardAt(ALICE_HOME);
    }

    @Test
    void aCookieExpiresAfterFiveSeconds() {
        VoiceCookie cookie = challengeFor(alice, ALICE_MOVED);
        now += 5_001 * MS;
        udpFrom(alice, new VoiceHello(1, cookie), ALICE_MOVED);

        assertThat(lastTo(ALICE_MOVED)).isInstanceOf(VoiceChallenge.class);
        assertHeardAt(ALICE_HOME);
    }

    @Test
    void aFreshCookieMovesTheBindingAndTheOldAddressHearsUntilThen() {
        VoiceCookie cookie = challengeFor(alice, ALICE_MOVED);
        assertHeardAt(ALICE_HOME);

        udpFrom(alice, new VoiceHello(9, cookie), ALICE_MOVED);

        assertThat(lastTo(ALICE_MOVED)).isEqualTo(new VoiceHello(9));
        assertHeardAt(ALICE_MOVED);
    }

    @Test
    void answersToAnUnverifiedAddressAreNeverLargerThanWhatCameFromIt() {
        byte[] ping = alice.seal(new VoicePing(1, 1));
        byte[] hello = alice.seal(new VoiceHello(2));
        byte[] audio = alice.seal(new AudioFrame(ALICE, 1, 960, 0, new byte[0]));
        engine.onUdp(ping, ping.length, THIRD_HOST, now += MS);
        engine.onUdp(hello, hello.length, THIRD_HOST, now += MS);
        engine.onUdp(audio, audio.length, THIRD_HOST, now += MS);

        List<Sent> toThird = udp.stream().filter(sent -> sent.to().equals(THIRD_HOST)).toList();
        assertThat(toThird).hasSize(3);
        assertThat(toThird.get(0).datagram().length).isLessThanOrEqualTo(ping.length);
        assertThat(toThird.get(1).datagram().length).isLessThanOrEqualTo(hello.length);
        assertThat(toThird.get(2).datagram().length).isLessThanOrEqualTo(audio.length);
        assertThat(engine.stats().droppedUnbound()).as("the ping and the audio").isEqualTo(2);
    }

    @Test
    void challengesToOneSessionAreRateLimited() {
        for (int i = 0; i < 20; i++) {
            byte[] ping = alice.seal(new VoicePing(i, i));
            engine.onUdp(ping, ping.length, THIRD_HOST, now);
        }
        assertThat(udp.stream().filter(sent -> sent.to().equals(THIRD_HOST)).count()).isEqualTo(4);
        now += RelayEngine.CHALLENGE_INTERVAL_NANOS;
        udpFrom(alice, new VoicePing(99, 0), THIRD_HOST);
        assertThat(udp.stream().filter(sent -> sent.to().equals(THIRD_HOST)).count()).isEqualTo(5);
    }

    @Test
    void tunnelledAudioChoosesTheTunnelWithoutUnbindingAndUdpAudioTakesItBack() throws Exception {
        tunnelled(alice, new AudioFrame(ALICE, 1, 960, 0, new byte[] {1}));
        udpFrom(bob, new AudioFrame(BOB, 1, 960, 0, new byte[] {2}), BOB_HOME);
        assertThat(tunnel.next().listenerSessionId()).as("Alice is answered where she spoke").isEqualTo(ALICE);

        udpFrom(alice, new AudioFrame(ALICE, 2, 1920, 0, new byte[] {3}), ALICE_HOME);
        assertThat(lastTo(BOB_HOME)).as("UDP from the bound address is still accepted")
                .isEqualTo(new AudioFrame(ALICE, 2, 1920, 0, new byte[] {3}));
        assertHeardAt(ALICE_HOME);
        assertThat(engine.stats().droppedUnbound()).isZero();
    }

    @Test
    void aUdpHelloFromTheTunnelDoesNotMoveTheSessionBackToUdp() throws Exception {
        tunnelled(alice, new VoicePing(1, 1));
        tunnel.next(); // the pong, through the tunnel
        udpFrom(alice, new VoiceHello(5), ALICE_HOME);
        assertThat(lastTo(ALICE_HOME)).as("the probe is echoed over UDP").isEqualTo(new VoiceHello(5));

        udpFrom(bob, new AudioFrame(BOB, 1, 960, 0, new byte[] {2}), BOB_HOME);

        assertThat(tunnel.next().listenerSessionId()).as("audio stays on the tunnel until Alice moves").isEqualTo(ALICE);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void bind(VoiceLink link, SocketAddress address) {
        VoiceCookie cookie = challengeFor(link, address);
        udpFrom(link, new VoiceHello(7, cookie), address);
        assertThat(lastTo(address)).isEqualTo(new VoiceHello(7));
    }

    private VoiceCookie challengeFor(VoiceLink link, SocketAddress address) {
        udpFrom(link, new VoiceHello(7), address);
        VoiceBody answer = lastTo(address);
        assertThat(answer).isInstanceOf(VoiceChallenge.class);
        return ((VoiceChallenge) answer).cookie();
    }

    private void udpFrom(VoiceLink link, VoiceBody body, SocketAddress source) {
        byte[] datagram = link.seal(body);
        engine.onUdp(datagram, datagram.length, source, now += MS);
    }

    private void tunnelled(VoiceLink link, VoiceBody body) {
        engine.onTunneled(link.sessionId(), link.seal(body), now += MS);
    }

    /** The body of the latest datagram sent to {@code address}, opened with that session's link. */
    private VoiceBody lastTo(SocketAddress address) {
        for (int i = udp.size() - 1; i >= 0; i--) {
            if (udp.get(i).to().equals(address)) {
                byte[] datagram = udp.get(i).datagram();
                // Clients open with their own link; the key session id in the header says whose it is.
                OpenResult result = alice.open(datagram);
                if (result instanceof OpenResult.Rejected) {
                    result = bob.open(datagram);
                }
                assertThat(result).isInstanceOf(OpenResult.Opened.class);
                return ((OpenResult.Opened) result).body();
            }
        }
        throw new AssertionError("nothing was sent to " + address);
    }

    /** Bob speaks; Alice's audio must go to {@code address} over UDP. */
    private void assertHeardAt(SocketAddress address) {
        AudioFrame frame = new AudioFrame(BOB, ++bobSequence, bobSequence * 960, 0, new byte[] {9});
        udpFrom(bob, frame, BOB_HOME);
        Sent last = udp.get(udp.size() - 1);
        assertThat(last.to()).isEqualTo(address);
        assertThat(((OpenResult.Opened) alice.open(last.datagram())).body()).isEqualTo(frame);
    }

    private int bobSequence = 100;
}
