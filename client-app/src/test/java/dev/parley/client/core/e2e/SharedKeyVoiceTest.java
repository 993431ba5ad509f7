package dev.parley.client.core.e2e;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.e2e.ChannelKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voice in a shared-key channel with real engines, UDP and Opus: members hear the speaker under the key
 * they were given, and after the speaker's rotation drops one member and adds another, the dropped one
 * hears nothing more while the newcomer starts hearing.
 */
@Timeout(90)
class SharedKeyVoiceTest {
    private static final VoiceSettings LISTENER = VoiceSettings.defaults().withTransmitMode(TransmitMode.PUSH_TO_TALK)
            .withProcessing(AudioProcessingSettings.allDisabled());

    @TempDir
    Path dir;

    @Test
    void aRotationThatDropsAMemberSilencesThemAndTheNewcomerHears() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try (TestRoom room = TestRoom.start(dir.resolve("room"))) {
            ControlClient admin = signedIn(room, "admin", open);
            ControlClient bob = signedIn(room, "bob", open);
            ControlClient carol = signedIn(room, "carol", open);
            KeyExchange adminKeys = exchange(admin, "admin");
            KeyExchange bobKeys = exchange(bob, "bob");
            KeyExchange carolKeys = exchange(carol, "carol");
            for (KeyExchange keys : List.of(adminKeys, bobKeys, carolKeys)) {
                await(keys.publish());
            }
            ChannelInfo vault = await(admin.request(new Channels.Create(null, "Vault", null, null, null),
                    Channels.Created.class)).channel();
            ChannelKey first = await(adminKeys.rotate(vault, List.of(id(bob))));
            for (ControlClient client : List.of(admin, bob, carol)) {
                await(client.requestOk(new Channels.Join(vault.id(), null)));
            }

            VoiceEngine bobVoice = engine(bob, new NullAudioInput(), LISTENER, currentKey(bobKeys, vault.id(), 1), open);
            VoiceEngine carolVoice = engine(carol, new NullAudioInput(), LISTENER, currentKey(carolKeys, vault.id(), 1), open);
            VoiceEngine adminVoice = engine(admin, WavFileInput.open(speech(), WavFileInput.Pacing.REAL_TIME, true),
                    LISTENER.withTransmitMode(TransmitMode.ALWAYS_ON), first, open);
            await().atMost(Duration.ofSeconds(20)).until(() -> decoded(bobVoice) > 100);
            assertThat(decoded(carolVoice)).as("carol was not given the key").isZero();

            ChannelInfo atEpoch1 = new ChannelInfo(vault.id(), vault.parentId(), vault.name(), vault.description(),
                    vault.position(), false, new dev.parley.protocol.control.model.ChannelE2e(1, "AAAAAAAAAAAAAAAAAAAAAA=="));
            ChannelKey second = await(adminKeys.rotate(atEpoch1, List.of(id(carol))));
            adminVoice.setChannelEncryption(true, second);
            bobVoice.setChannelEncryption(true, currentKey(bobKeys, vault.id(), 2));
            carolVoice.setChannelEncryption(true, currentKey(carolKeys, vault.id(), 2));
            long bobBefore = bobVoice.unopenedFrames();

            await().atMost(Duration.ofSeconds(20)).until(() -> decoded(carolVoice) > 100);
            await().atMost(Duration.ofSeconds(10)).until(() -> bobVoice.unopenedFrames() > bobBefore + 50);
            assertThat(second.epoch()).isEqualTo(2);
            assertThat(first.verificationCode()).isNotEqualTo(second.verificationCode());
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    private final Map<ControlClient, Long> ids = new java.util.concurrent.ConcurrentHashMap<>();

    private ControlClient signedIn(TestRoom room, String name, List<AutoCloseable> open) throws Exception {
        ControlClient client = Clients.client(room.port());
        open.add(client);
        ids.put(client, Clients.signIn(client, new dev.parley.client.core.net.Credentials.Register(name, Clients.PASSWORD,
                null)).self().id());
        return client;
    }

    private long id(ControlClient client) {
        return ids.get(client);
    }

    private KeyExchange exchange(ControlClient client, String name) throws Exception {
        IdentityStore store = new IdentityStore(dir.resolve("ids-" + name));
        return new KeyExchange(client, id(client), store.identity(KnownServers.key(client.server()), name));
    }

    /** The key of {@code epoch} the member was given, or null when it was given none. */
    private static ChannelKey currentKey(KeyExchange keys, long channelId, int epoch) throws Exception {
        KeyExchange.ReceivedKey received = await(keys.keys(channelId)).get(epoch);
        return received == null ? null : received.key();
    }

    private static long decoded(VoiceEngine engine) {
        return engine.speakerStats().values().stream().mapToLong(stats -> stats.decodedFrames()).sum();
    }

    private static VoiceEngine engine(ControlClient client, dev.parley.client.core.audio.AudioInput input,
            VoiceSettings settings, ChannelKey key, List<AutoCloseable> open) throws Exception {
        VoiceEngine engine = new VoiceEngine(client, input, new NullAudioOutput(), settings);
        engine.setChannelEncryption(true, key);
        open.add(engine);
        await(engine.start());
        return engine;
    }

    private static Path speech() throws Exception {
        return Path.of(SharedKeyVoiceTest.class.getResource("/audio/speech-48k.wav").toURI());
    }
}
