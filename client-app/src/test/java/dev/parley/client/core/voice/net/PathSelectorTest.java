package dev.parley.client.core.voice.net;

import static dev.parley.client.core.voice.net.PathSelector.SEND_HELLO_UDP;
import static dev.parley.client.core.voice.net.PathSelector.SEND_PING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathSelectorTest {

    private static final long MS = 1_000_000L;
    private static final long START = 5_000 * MS;
    private final PathSelector paths = new PathSelector(TransportSettings.defaults(), START, 100);

    @Test
    void probesUdpWithHelloUntilTheRelayEchoes() {
        assertThat(paths.path()).isEqualTo(VoicePath.PROBING);
        assertThat(paths.tick(START)).isEqualTo(SEND_HELLO_UDP);
        assertThat(paths.tick(START + 100 * MS)).isZero();
        assertThat(paths.tick(START + 200 * MS)).isEqualTo(SEND_HELLO_UDP);

        assertThat(paths.helloEchoed(paths.helloNonce(), START + 210 * MS)).isTrue();

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
    void twoLostPingsInARowDoNotLeaveUdp() {
        long t = onUdp();
        // Pings every 250 ms; the first two get no PONG, the rest do.
        for (int i = 0; i < 40; i++, t += 250 * MS) {
            if ((paths.tick(t) & SEND_PING) != 0 && i >= 2) {
                paths.pongReceived(paths.pingSequence(), t + 5 * MS);
            }
        }
        assertThat(paths.path()).isEqualTo(VoicePath.UDP);
        assertThat(paths.switches()).isZero();
    }

    @Test
    void aTotalOutageIsNoticedWithinAboutASecondBySilence() {
        long t = onUdp();
        long lastHeard = t;
        int unanswered = 0;
        while (paths.path() == VoicePath.UDP) {
            if ((paths.tick(t) & SEND_PING) != 0) {
                unanswered++; // a total outage: nothing comes back over UDP
            }
            t += 10 * MS;
        }
        assertThat(paths.windowSize()).isZero(); // cleared on the switch
        assertThat(unanswered).as("pings sent before leaving").isBetween(8, 12);
        assertThat(t - lastHeard).as("an outage is noticed within about 1 s").isBetween(1_000 * MS, 1_100 * MS);
        assertThat(paths.switches()).isEqualTo(1);
    }

    @Test
    void whileVoiceStillComesOverUdpOnlyTheWindowOfFailedPingsLeavesIt() {
        long t = onUdp();
        long start = t;
        int lost = 0;
        while (paths.path() == VoicePath.UDP) {
            if ((paths.tick(t) & SEND_PING) != 0) {
                lost++; // the way up is broken: no PONG, but others' voice keeps coming down
            }
            paths.udpHeard(t);
            t += 10 * MS;
        }
        assertThat(lost).as("pings sent before leaving").isBetween(9, 14);
        assertThat(t - start).as("noticed within about 3.5 s").isBetween(2_000 * MS, 3_600 * MS);
        assertThat(paths.switches()).isEqualTo(1);
    }

    @Test
    void aloneInARoomAtTenPercentLossEachWayTheSilenceRuleNeverLeavesUdpInAnHour() {
        Random random = new Random(7);
        long t = onUdp();
        java.util.ArrayDeque<long[]> pongs = new java.util.ArrayDeque<>();
        for (long end = t + 3_600_000 * MS; t < end; t += 10 * MS) {
            while (!pongs.isEmpty() && pongs.peek()[0] <= t) {
                paths.pongReceived((int) pongs.poll()[1], t);
            }
            if ((paths.tick(t) & SEND_PING) != 0 && random.nextDouble() >= 0.1 && random.nextDouble() >= 0.1) {
                pongs.add(new long[] {t + (2 + random.nextInt(60)) * MS, paths.pingSequence()});
            }
        }
        assertThat(paths.path()).isEqualTo(VoicePath.UDP);
        assertThat(paths.switches()).isZero();
    }

    @Test
    void tenPercentLossEachWayNeverLeavesUdpInAnHour() {
        Random random = new Random(1);
        long t = onUdp();
        for (long end = t + 3_600_000 * MS; t < end; t += 50 * MS) {
            if ((paths.tick(t) & SEND_PING) != 0 && random.nextDouble() >= 0.1 && random.nextDouble() >= 0.1) {
                paths.pongReceived(paths.pingSequence(), t + 2 * MS);
            }
        }
        assertThat(paths.path()).isEqualTo(VoicePath.UDP);
        assertThat(paths.switches()).isZero();
    }

    @Test
    void returnsFromTheTunnelOnlyAfterSeveralEchoesInARow() {
        long t = START + 2_000 * MS;
        paths.tick(t);
        assertThat(paths.path()).isEqualTo(VoicePath.TUNNEL);
        int echoed = 0;
        boolean skipOne = true;
        while (paths.path() == VoicePath.TUNNEL) {
            t += 50 * MS;
            if ((paths.tick(t) & SEND_HELLO_UDP) != 0) {
                if (echoed == 2 && skipOne) {
                    skipOne = false; // the third probe is lost: the count starts over
                    continue;
                }
                paths.helloEchoed(paths.helloNonce(), t + 1 * MS);
                echoed++;
            }
        }
        assertThat(echoed).isEqualTo(2 + 3);
        assertThat(paths.switches()).isEqualTo(1);
        assertThat(paths.tick(t + 1 * MS)).as("a UDP ping at once moves the relay's answers").isEqualTo(SEND_PING);
    }

    @Test
    void anEchoOfAnOlderProbeDoesNotCount() {
        long t = START + 2_000 * MS;
        paths.tick(t);
        paths.tick(t + 300 * MS);
        long old = paths.helloNonce();
        paths.tick(t + 600 * MS);
        assertThat(paths.helloEchoed(old, t + 601 * MS)).isFalse();
        paths.helloEchoed(paths.helloNonce(), t + 602 * MS);
        assertThat(paths.helloEchoed(paths.helloNonce(), t + 603 * MS)).as("same probe twice").isFalse();
    }

    @Test
    void pongsOfTunnelPingsDoNotFeedTheUdpWindow() {
        long t = START + 2_000 * MS;
        paths.tick(t);
        paths.pongReceived(paths.pingSequence(), t + MS);
        assertThat(paths.windowSize()).isZero();
    }

    @Test
    void nextDeadlineIsTheEarliestTimer() {
        assertThat(paths.nextDeadline()).isEqualTo(START);
        paths.tick(START);
        assertThat(paths.nextDeadline()).isEqualTo(START + 200 * MS);
        PathSelector quick = new PathSelector(TransportSettings.defaults().withUdpTimeout(Duration.ofMillis(50)), START);
        quick.tick(START);
        assertThat(quick.nextDeadline()).isEqualTo(START + 50 * MS);
        long t = onUdp();
        paths.tick(t);
        assertThat(paths.nextDeadline()).as("next ping").isEqualTo(t + 250 * MS);
    }

    @Test
    void aloneAndQuietThePathIsPingedOnceASecond() {
        long t = onUdp();
        long start = t;
        int late = 0;
        for (long end = t + 12_000 * MS; t < end; t += 10 * MS) {
            if ((paths.tick(t) & SEND_PING) != 0) {
                paths.pongReceived(paths.pingSequence(), t + 2 * MS);
                if (t - start >= 3_000 * MS) {
                    late++;
                }
            }
        }
        assertThat(paths.idle()).isTrue();
        assertThat(late).as("pings in the 9 s after the first 3").isBetween(8, 10);
        assertThat(paths.switches()).isZero();
    }

    @Test
    void whileIdleTheNextWakeUpIsTheNextPingASecondLater() {
        long t = idleOnUdp();
        while ((paths.tick(t) & SEND_PING) == 0) {
            t += 10 * MS;
        }
        long sent = t;
        assertThat(paths.nextDeadline()).as("checks the answer after 300 ms").isEqualTo(sent + 300 * MS);
        paths.pongReceived(paths.pingSequence(), sent + 40 * MS);
        assertThat(paths.nextDeadline()).as("answered: nothing to do until the next ping")
                .isEqualTo(sent + 1_000 * MS);
    }

    @Test
    void voiceEitherWayBringsBackFourPingsASecondAtOnce() {
        long t = idleOnUdp();
        paths.voiceFlowed(t);
        assertThat(paths.idle()).isFalse();
        int pings = 0;
        int tick = 0;
        for (long end = t + 2_000 * MS; t < end; t += 10 * MS) {
            if (tick++ % 2 == 0) {
                paths.voiceFlowed(t); // a 20 ms frame
            }
            if ((paths.tick(t) & SEND_PING) != 0) {
                pings++;
                paths.pongReceived(paths.pingSequence(), t + 2 * MS);
            }
        }
        assertThat(pings).as("pings in 2 s of talk").isBetween(7, 9);
        assertThat(paths.idle()).isFalse();
        // Voice stops: after 2 s calm, the idle rate again.
        for (long end = t + 3_000 * MS; t < end; t += 10 * MS) {
            if ((paths.tick(t) & SEND_PING) != 0) {
                paths.pongReceived(paths.pingSequence(), t + 2 * MS);
            }
        }
        assertThat(paths.idle()).isTrue();
    }

    @Test
    void aPingUnansweredWhileIdleBringsBackTheQuickPings() {
        long t = idleOnUdp();
        while ((paths.tick(t) & SEND_PING) == 0) {
            t += 10 * MS;
        }
        long lost = t;
        java.util.List<Long> next = new java.util.ArrayList<>();
        for (t += 10 * MS; next.size() < 3; t += 10 * MS) {
            if ((paths.tick(t) & SEND_PING) != 0) {
                next.add(t - lost);
                paths.pongReceived(paths.pingSequence(), t + 2 * MS);
            }
        }
        assertThat(paths.idle()).isFalse();
        assertThat(next.get(0)).as("the lost ping is noticed after 300 ms").isEqualTo(300 * MS);
        assertThat(next.get(1) - next.get(0)).as("then the regular pace").isEqualTo(250 * MS);
        assertThat(paths.windowFailures()).isZero();
    }

    @Test
    void aTotalOutageWhileIdleIsNoticedWithinAboutTwoSecondsOfTheLastAnswer() {
        long t = idleOnUdp();
        long lastHeard = t;
        int unanswered = 0;
        while (paths.path() == VoicePath.UDP) {
            if ((paths.tick(t) & SEND_PING) != 0) {
                unanswered++;
            }
            t += 10 * MS;
        }
        assertThat(unanswered).as("pings sent before leaving").isBetween(8, 12);
        assertThat(t - lastHeard).as("noticed within about 2 s").isBetween(1_000 * MS, 2_100 * MS);
        assertThat(paths.switches()).isEqualTo(1);
    }

    /** On UDP for 3 s with every ping answered: at the idle rate. Returns the time of the last answer. */
    private long idleOnUdp() {
        long t = onUdp();
        long answered = t;
        for (long end = t + 3_000 * MS; t < end; t += 10 * MS) {
            if ((paths.tick(t) & SEND_PING) != 0) {
                paths.pongReceived(paths.pingSequence(), t);
                answered = t;
            }
        }
        assertThat(paths.idle()).isTrue();
        return answered;
    }

    private long onUdp() {
        paths.tick(START);
        paths.helloEchoed(paths.helloNonce(), START + MS);
        return START + MS;
    }
}
