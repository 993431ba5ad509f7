package dev.parley.client.core.call;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.CallEnd;
import dev.parley.protocol.control.model.CallState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Calls between real clients through a real room: the desk's states and the engine's talk to the call. */
@Timeout(60)
class CallEndToEndTest {
    private static final VoiceSettings OPEN_MIC = VoiceSettings.defaults().withTransmitMode(TransmitMode.ALWAYS_ON)
            .withProcessing(AudioProcessingSettings.allDisabled());

    @TempDir
    Path dataDir;
    private TestRoom room;
    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    /** One signed-in account with its call desk, voice engine and what it was told. */
    private record Person(long id, ControlClient client, CallDesk desk, VoiceEngine voice,
                          List<CallDesk.CurrentCall> calls) {
    }

    @BeforeEach
    void startRoom() {
        room = TestRoom.start(dataDir);
        cleanup.push(room);
    }

    @AfterEach
    void stopAll() throws Exception {
        while (!cleanup.isEmpty()) {
            cleanup.pop().close();
        }
    }

    private Person person(String name, boolean speaks) throws Exception {
        ControlClient client = Clients.client(room.port());
        cleanup.push(client);
        long id = Clients.signIn(client, new Credentials.Register(name, Clients.PASSWORD, null)).self().id();
        CallDesk desk = new CallDesk(client);
        cleanup.push(desk);
        List<CallDesk.CurrentCall> calls = new CopyOnWriteArrayList<>();
        cleanup.push(desk.onChange(calls::add));
        // Listeners hold push-to-talk released: only the speaker sends anything.
        VoiceEngine voice = new VoiceEngine(client, speaks ? WavFileInput.open(speech(), WavFileInput.Pacing.REAL_TIME, true)
                : new NullAudioInput(), new NullAudioOutput(),
                speaks ? OPEN_MIC : OPEN_MIC.withTransmitMode(TransmitMode.PUSH_TO_TALK));
        cleanup.push(voice);
        await(voice.start());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                voice.transportStats().map(TransportStats::path).orElse(null) == VoicePath.UDP);
        return new Person(id, client, desk, voice, calls);
    }

    private static CallState lastState(Person person) {
        return person.calls().isEmpty() ? null : person.calls().get(person.calls().size() - 1).state();
    }

    @Test
    void anAnsweredCallCarriesTheCallersSpeechToTheCalleeAndNotToHerChannel() throws Exception {
        Person bob = person("bob", false);
        Person carol = person("carol", false);
        Person ann = person("ann", true);
        // Ann's open microphone talks to the lobby, where carol hears her, until the call is answered.
        await().atMost(Duration.ofSeconds(10)).until(() -> !carol.voice().speakerStats().isEmpty());

        await(ann.desk().ring(bob.id()));
        await().atMost(Duration.ofSeconds(5)).until(() -> lastState(bob) == CallState.INCOMING);
        assertThat(bob.desk().current().orElseThrow().peer().name()).isEqualTo("ann");
        await(bob.desk().accept());
        await().atMost(Duration.ofSeconds(5)).until(() -> lastState(ann) == CallState.ACTIVE);
        ann.voice().setTalkToCall(true);

        // The channel's spurt ended at the switch; once carol has played what was on its way, she hears no more.
        await().atMost(Duration.ofSeconds(5)).until(() -> carol.voice().talkingSessions().isEmpty());
        long carolHeard = decoded(carol);
        long bobHeard = decoded(bob);
        await().atMost(Duration.ofSeconds(10)).until(() -> decoded(bob) > bobHeard + 100);
        assertThat(decoded(carol)).as("carol, in ann's channel, while ann talks to her call").isEqualTo(carolHeard);

        await(bob.desk().hangup());
        await().atMost(Duration.ofSeconds(5)).until(() -> lastState(ann) == CallState.ENDED);
        assertThat(ann.calls().get(ann.calls().size() - 1).reason()).isEqualTo(CallEnd.ENDED);
        assertThat(ann.desk().current()).isEmpty();
    }

    @Test
    void aCallNobodyAnswersEndsMissedWithAnEntryInTheDirectMessages() throws Exception {
        Person bob = person("bob", false);
        Person ann = person("ann", false);
        List<Chat.Posted> bobsMessages = new CopyOnWriteArrayList<>();
        cleanup.push(bob.client().on(Chat.Posted.class, bobsMessages::add));

        await(ann.desk().ring(bob.id()));
        await().atMost(Duration.ofSeconds(5)).until(() -> lastState(bob) == CallState.INCOMING);
        await(ann.desk().hangup());

        await().atMost(Duration.ofSeconds(5)).until(() -> lastState(bob) == CallState.ENDED);
        assertThat(bob.calls().get(bob.calls().size() - 1).reason()).isEqualTo(CallEnd.CANCELLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> bobsMessages.stream()
                .anyMatch(posted -> posted.message().authorId() == ann.id() && posted.message().text().contains("Missed call")));
    }

    private static long decoded(Person listener) {
        return listener.voice().speakerStats().values().stream().mapToLong(stats -> stats.decodedFrames()).sum();
    }

    private static Path speech() throws Exception {
        return Path.of(CallEndToEndTest.class.getResource("/audio/speech-48k.wav").toURI());
    }
}
