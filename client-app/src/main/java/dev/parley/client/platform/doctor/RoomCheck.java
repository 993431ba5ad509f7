package dev.parley.client.platform.doctor;

import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.net.ClientConfig;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.core.net.ServerTrust;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.net.LinkFigures;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.protocol.tls.Fingerprint;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Joins a room as a throw-away guest, with no microphone and no speaker, and reports what voice would do:
 * the room's certificate fingerprint (and whether it is the one this user trusted before), whether UDP to the
 * relay gets through or voice would go through the tunnel, and the round trip and loss of the relay's pings.
 * It sends no password and trusts the room only for this check (nothing is remembered).
 */
final class RoomCheck {
    private static final int TIMEOUT_SECONDS = 15;

    private RoomCheck() {
    }

    /**
     * @param known       the user's trusted rooms, to compare the fingerprint with (read only)
     * @param measure     how long to let pings run
     * @param relayRoute  where voice datagrams really go (tests send them nowhere to see the tunnel)
     */
    static List<String> run(RoomTarget target, KnownServers known, Duration measure, UnaryOperator<InetSocketAddress> relayRoute) {
        List<String> lines = new ArrayList<>();
        lines.add("room: " + target.hostPort() + (target.plain() ? " (plain ws://, no TLS)" : ""));
        AtomicReference<Fingerprint> seen = new AtomicReference<>();
        FingerprintDecision record = contact -> {
            seen.set(contact.fingerprint());
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        };
        String guest = "doctor" + (1000 + new SecureRandom().nextInt(9000));
        try (ControlClient client = new ControlClient(
                target.plain() ? ControlClient.plainAddress(target.host(), target.port()) : ControlClient.address(target.host(), target.port()),
                ClientConfig.defaults().withClientName("parley-doctor"), new ServerTrust(KnownServers.inMemory(), record))) {
            client.connect(new Credentials.Guest(guest, null)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            lines.addAll(fingerprintLines(target, seen.get(), known));
            lines.add("control connection: signed in as guest " + guest);
            try (VoiceEngine engine = new VoiceEngine(client, new NullAudioInput(), new NullAudioOutput(),
                    VoiceSettings.defaults(), relayRoute)) {
                engine.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + measure.toNanos();
                while (System.nanoTime() < deadline) {
                    // Pings go out every 250 ms on the transport's own thread; just let them run.
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                Optional<TransportStats> stats = engine.transportStats();
                lines.addAll(voiceLines(stats.orElse(null)));
            }
        } catch (ExecutionException e) {
            lines.addAll(fingerprintLines(target, seen.get(), known));
            lines.add("could not join: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            lines.add("could not join: the room did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lines.add("interrupted");
        } catch (RuntimeException e) {
            lines.add("could not join: " + e.getMessage());
        }
        return lines;
    }

    private static List<String> fingerprintLines(RoomTarget target, Fingerprint seen, KnownServers known) {
        if (target.plain()) {
            return List.of("fingerprint: none (plain connection, no certificate)");
        }
        if (seen == null) {
            return List.of("fingerprint: not seen (no TLS handshake)");
        }
        Optional<Fingerprint> trusted = known.lookup(KnownServers.key(ControlClient.address(target.host(), target.port())));
        String verdict = trusted.isEmpty() ? "you have not trusted this room before"
                : trusted.get().matches(seen) ? "the one you trusted before"
                : "DIFFERENT from the one you trusted before (" + trusted.get() + "): ask the host before joining";
        return List.of("fingerprint: " + seen + " (" + verdict + ")");
    }

    static List<String> voiceLines(TransportStats stats) {
        if (stats == null) {
            return List.of("voice: not connected");
        }
        List<String> lines = new ArrayList<>();
        String path = stats.path() == VoicePath.UDP ? "UDP gets through: voice goes direct"
                : stats.path() == VoicePath.TUNNEL ? "UDP does not get through: voice would use the tunnel (TCP, more delay)"
                : "still probing UDP";
        lines.add("voice path: " + path);
        LinkFigures total = stats.total();
        if (total.pongs() == 0) {
            lines.add("round trip: no ping answered");
        } else {
            lines.add(String.format(Locale.ROOT, "round trip: %.1f ms over %d pings; loss up %.1f%%, down %.1f%%",
                    total.rttMs(), total.pongs(), total.upstreamLossPercent(), total.downstreamLossPercent()));
        }
        lines.add(String.format(Locale.ROOT, "datagrams: %d sent, %d received, %d rejected", stats.datagramsSent(),
                stats.datagramsReceived(), stats.rejected()));
        return lines;
    }
}
