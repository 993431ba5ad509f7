package dev.parley.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.e2e.SealedVoice;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay in an end-to-end encrypted channel, with real UDP: talk to the channel passes only sealed (it
 * cannot open it, only see that it is), so a client that does not know yet is never heard in clear.
 */
@Timeout(60)
class SealedChannelRelayTest {
    @TempDir
    Path data;

    @Test
    void plainTalkToAnEncryptedChannelIsDroppedAndSealedTalkGoesThrough() throws Exception {
        ParleyServer server = Rooms.start(data);
        try (UdpSpeaker admin = new UdpSpeaker(Rooms.register(server, "admin"));
             UdpSpeaker bob = new UdpSpeaker(Rooms.register(server, "bob"))) {
            long vault = admin.control.client().expect(new Channels.Create(null, "Vault", null, null, null),
                    Channels.Created.class).channel().id();
            admin.control.client().expect(new Channels.Join(vault, null), Ok.class);
            bob.control.client().expect(new Channels.Join(vault, null), Ok.class);
            admin.speak(new byte[] {1, 2, 3}, false);
            assertThat(bob.receiveAudio()).as("a plain channel relays plain talk").isNotNull();

            admin.control.client().expect(new Channels.Rekey(vault), Ok.class);
            admin.speak(new byte[] {4, 5, 6}, false);
            assertThat(bob.receiveAudio()).as("plain talk once the channel is encrypted").isNull();

            byte[] sealedLooking = new byte[SealedVoice.OVERHEAD + 3];
            sealedLooking[0] = (byte) SealedVoice.MARKER;
            sealedLooking[2] = 1;
            admin.speak(sealedLooking, false);
            AudioFrame heard = bob.receiveAudio();
            assertThat(heard).isNotNull();
            assertThat(heard.payload()).isEqualTo(sealedLooking);
            admin.speak(new byte[0], true);
            assertThat(bob.receiveAudio()).as("a bare end-of-talk carries nothing to seal").isNotNull();
            assertThat(server.voiceStats().unsealedDropped()).isEqualTo(1);
        } finally {
            server.close();
        }
    }
}
