package dev.parley.client.ui.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.AudioDeviceInfo;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.NullAudioDevices;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.app.VoicePreferences;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The voice bar's adapter over a real engine, against a real room, on null devices. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineVoiceControlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path temp;
    private TestRoom room;
    private ControlClient client;
    private EngineVoiceControls voice;

    @AfterEach
    void tearDown() {
        if (voice != null) {
            voice.close();
        }
        if (client != null) {
            client.close();
        }
        if (room != null) {
            room.close();
        }
    }

    @Test
    void voiceComesUpAndPushToTalkTransmits() throws Exception {
        room = TestRoom.start(temp);
        client = Clients.registered(room.port(), "ann");
        voice = EngineVoiceControls.start(client, new NullAudioDevices(),
                VoicePreferences.defaults().withTransmitMode(TransmitMode.PUSH_TO_TALK));
        AtomicBoolean talking = new AtomicBoolean();
        voice.onSelfTalking(talking::set);

        await().atMost(WAIT).until(() -> voice.linkQuality().isPresent());
        voice.setPushToTalk(true);
        await().atMost(WAIT).untilTrue(talking);
        voice.setPushToTalk(false);
        await().atMost(WAIT).untilFalse(talking);
    }

    @Test
    void newCodecSettingsRestartVoiceKeepingWhatTheUserSet() throws Exception {
        room = TestRoom.start(temp);
        client = Clients.registered(room.port(), "ann");
        voice = EngineVoiceControls.start(client, new NullAudioDevices(), VoicePreferences.defaults());
        List<Boolean> talking = new CopyOnWriteArrayList<>();
        voice.onSelfTalking(talking::add);
        voice.setTransmitMode(TransmitMode.ALWAYS_ON);
        await().atMost(WAIT).until(() -> talking.contains(true));

        voice.reconfigure(VoicePreferences.defaults().withCodec(64_000, 40));

        // The old engine stops (talking ends), the new one starts in the mode the user chose.
        await().atMost(WAIT).until(() -> talking.size() >= 3);
        assertThat(talking.subList(0, 3)).containsExactly(true, false, true);
        await().atMost(WAIT).until(() -> voice.linkQuality().isPresent());
    }

    @Test
    void withoutASoundCardVoiceRunsSilentAndSaysSo() throws Exception {
        room = TestRoom.start(temp);
        client = Clients.registered(room.port(), "ann");
        voice = EngineVoiceControls.start(client, new NoSoundCard(), VoicePreferences.defaults());
        AtomicReference<String> notice = new AtomicReference<>("");
        voice.onNotice(notice::set);

        await().atMost(WAIT).until(() -> notice.get().equals("No sound device found: voice runs silent"));
        await().atMost(WAIT).until(() -> voice.linkQuality().isPresent());
    }

    /** What {@code JavaSoundDevices} does on this machine: lists the default, fails to open it. */
    private static final class NoSoundCard implements AudioDevices {
        @Override
        public List<AudioDeviceInfo> inputs() {
            return List.of(new AudioDeviceInfo(DEFAULT, "System default"));
        }

        @Override
        public List<AudioDeviceInfo> outputs() {
            return inputs();
        }

        @Override
        public AudioInput openInput(String name) {
            throw new AudioDeviceException("cannot open audio device default: no line");
        }

        @Override
        public AudioOutput openOutput(String name) {
            throw new AudioDeviceException("cannot open audio device default: no line");
        }
    }
}
