package dev.parley.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class VoiceLinkTest {

    private static final int SESSION = 7;
    private final VoiceKey key = VoiceKey.random(new SecureRandom());
    private final VoiceLink client = new VoiceLink(SESSION, key, VoiceDirection.CLIENT_TO_SERVER);
    private final VoiceLink relay = new VoiceLink(SESSION, key, VoiceDirection.SERVER_TO_CLIENT);

    @Test
    void bothDirectionsRoundTripWithIncreasingCounters() {
        AudioFrame frame = new AudioFrame(SESSION, 1, 960, 0, new byte[] {9, 8, 7});

        OpenResult first = relay.open(client.seal(frame));
        OpenResult second = relay.open(client.seal(new VoiceHello(5)));
        OpenResult back = client.open(relay.seal(new VoiceHello(5)));

        assertThat(first).isEqualTo(new OpenResult.Opened(SESSION, 0, frame));
        assertThat(second).isEqualTo(new OpenResult.Opened(SESSION, 1, new VoiceHello(5)));
        assertThat(back).isEqualTo(new OpenResult.Opened(SESSION, 0, new VoiceHello(5)));
        assertThat(client.sentCount()).isEqualTo(2);
        assertThat(relay.receivedCount()).isEqualTo(2);
        assertThat(relay.highestReceivedCounter()).isEqualTo(1);
    }

    @Test
    void replayedDatagramIsRejected() {
        byte[] datagram = client.seal(new VoicePing(1, 2));

        assertThat(relay.open(datagram)).isInstanceOf(OpenResult.Opened.class);
        assertThat(relay.open(datagram)).isEqualTo(OpenResult.Rejected.of(RejectReason.REPLAYED));
        assertThat(relay.receivedCount()).isEqualTo(1);
    }

    @Test
    void counterReusedUnderTheSameKeyIsRefusedByTheWindow() {
        relay.open(client.seal(new VoiceHello(1)));
        // Someone holding the key (a buggy client restart) seals new content with an old counter.
        byte[] reused = new VoiceCipher(SESSION, key).seal(VoiceDirection.CLIENT_TO_SERVER, 0, new VoiceHello(2));

        assertThat(relay.open(reused)).isEqualTo(OpenResult.Rejected.of(RejectReason.REPLAYED));
    }

    @Test
    void reorderedDatagramsWithinTheWindowAreAccepted() {
        byte[] a = client.seal(new VoiceHello(1));
        byte[] b = client.seal(new VoiceHello(2));
        byte[] c = client.seal(new VoiceHello(3));

        assertThat(relay.open(c)).isInstanceOf(OpenResult.Opened.class);
        assertThat(relay.open(a)).isInstanceOf(OpenResult.Opened.class);
        assertThat(relay.open(b)).isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void forgedDatagramDoesNotAdvanceTheWindow() {
        VoiceCipher forger = new VoiceCipher(SESSION, VoiceKey.random(new SecureRandom()));
        byte[] forged = forger.seal(VoiceDirection.CLIENT_TO_SERVER, 1_000_000, new VoiceHello(1));

        assertThat(relay.open(forged)).isEqualTo(OpenResult.Rejected.of(RejectReason.BAD_TAG));
        assertThat(relay.open(client.seal(new VoiceHello(2)))).isInstanceOf(OpenResult.Opened.class);
        assertThat(relay.highestReceivedCounter()).isZero();
    }

    @Test
    void ownDatagramsEchoedBackAreRejected() {
        byte[] datagram = client.seal(new VoiceHello(1));

        assertThat(client.open(datagram)).isEqualTo(OpenResult.Rejected.of(RejectReason.BAD_TAG));
    }
}
