package dev.parley.client.core.voice.net;

import static dev.parley.client.core.voice.net.PathSelector.SEND_HELLO_UDP;
import static dev.parley.client.core.voice.net.PathSelector.SEND_PING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PathSelectorTest {

    private static final long MS = 1_000_000L;
    private static final long START = 5_000 * MS;
    private final PathSelector paths = new PathSelector(TransportSettings.defaults(), START);

    @Test
    void probesUdpWithHelloUntilTheRelayEchoes() {
        assertThat(paths.path()).isEqualTo(VoicePath.PROBING);
        assertThat(paths.tick(START)).isEqualTo(SEND_HELLO_UDP);
        assertThat(paths.tick(START + 100 * MS)).isZero();
        assertThat(paths.tick(START + 200 * MS)).isEqualTo(SEND_HELLO_UDP);

        assertThat(paths.udpAnswered(START + 210 * MS, true)).isTrue();

        assertThat(paths.path()).isEqualTo(VoicePath.UDP);
        assertThat(paths.tick(START + 210 * MS)).as("round trip measured at once").isEqualTo(SEND_PING);
        assertThat(paths.switches()).isZero();
    }

    @Test
    void fallsBackToTheTunnelWhenNoEchoComesWithinTheTimeout() {
        for (long t = START; t < START + 2_000 * MS; t += 100 * MS) {
            paths.tick(t);
        }
        assertThat(paths.path()).isEqualTo(VoicePath.PROBING);

        assertThat(paths.tick(START + 2_000 * MS)).as("tell the relay through the tunnel").isEqualTo(SEND_PING);
        assertThat(paths.path()).isEqualTo(VoicePath.TUNNEL);
    }

    @Test
    void anAnswerThatIsNotAHelloEchoDoesNotProveUdp() {
        paths.tick(START);
        assertThat(paths.udpAnswered(START + 10 * MS, false)).isFalse();
        assertThat(paths.path()).isEqualTo(VoicePath.PROBING);
    }

    @Test
    void pingsEverySecondOnUdpAndFallsBackWhenUdpGoesQuiet() {
        paths.udpAnswered(START, true);
        assertThat(paths.tick(START)).isEqualTo(SEND_PING);
        assertThat(paths.tick(START + 999 * MS)).isZero();
        assertThat(paths.tick(START + 1_000 * MS)).isEqualTo(SEND_PING);
        paths.udpAnswered(START + 1_010 * MS, false);
        assertThat(paths.tick(START + 2_000 * MS)).isEqualTo(SEND_PING);
        assertThat(paths.tick(START + 3_000 * MS)).isEqualTo(SEND_PING);
        assertThat(paths.path()).isEqualTo(VoicePath.UDP);

        paths.tick(START + 4_010 * MS);

        assertThat(paths.path()).isEqualTo(VoicePath.TUNNEL);
        assertThat(paths.switches()).isEqualTo(1);
    }

    @Test
    void keepsProbingUdpFromTheTunnelAndReturnsWhenItAnswers() {
        paths.tick(START + 2_000 * MS);
        assertThat(paths.path()).isEqualTo(VoicePath.TUNNEL);

        assertThat(paths.tick(START + 3_000 * MS)).isEqualTo(SEND_PING);
        assertThat(paths.tick(START + 5_000 * MS) & SEND_HELLO_UDP).as("probe after 3 s").isEqualTo(SEND_HELLO_UDP);
        assertThat(paths.path()).isEqualTo(VoicePath.TUNNEL);

        paths.udpAnswered(START + 5_005 * MS, true);

        assertThat(paths.path()).isEqualTo(VoicePath.UDP);
        assertThat(paths.switches()).isEqualTo(1);
    }

    @Test
    void nextDeadlineIsTheEarliestTimer() {
        assertThat(paths.nextDeadline()).isEqualTo(START);
        paths.tick(START);
        assertThat(paths.nextDeadline()).isEqualTo(START + 200 * MS);
        PathSelector quick = new PathSelector(TransportSettings.defaults().withUdpTimeout(Duration.ofMillis(50)), START);
        quick.tick(START);
        assertThat(quick.nextDeadline()).isEqualTo(START + 50 * MS);
    }
}
