package dev.parley.client.core.voice.e2e;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.net.TransportSettings;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.client.core.voice.receive.ReceiveStats;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Voice;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole voice path on loopback: a real room server and relay, real UDP, real Opus, the real speech
 * recording going in at one client (paced like a microphone) and coming out of another client's mixer.
 */
@Timeout(60)
class VoiceEndToEndTest {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VoiceEndToEndTest.class);

    /** Speech through Opus scores about 0.9 or more; silence scores 0 and white noise far below. */
    static final double SAME_SPEECH = 0.7;
    /** A 20 ms segment of speech through Opus correlates this well with the original at the right spot. */
    static final double SAME_WAVEFORM = 0.6;
    /** Share of voiced segments found again that speech through the whole voice path must reach. */
    static final double WAVEFORM_SHARE = 0.5;

    /** Processing off: the file is already clean, and the comparison should see the codec and network only. */
    static final VoiceSettings LISTENER = VoiceSettings.defaults().withTransmitMode(TransmitMode.PUSH_TO_TALK)
            .withProcessing(AudioProcessingSettings.allDisabled());
    static final VoiceSettings SPEAKER = LISTENER.withTransmitMode(TransmitMode.ALWAYS_ON);

    @TempDir
    Path dataDir;

    private TestRoom room;
    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
    private final Map<ControlClient, Long> userIds = new HashMap<>();
    private long games;
    private long other;

    @BeforeEach
    void startRoom() throws Exception {
        room = TestRoom.start(dataDir);
        cleanup.push(room);
        ControlClient admin = Clients.registered(room.port(), "admin");
        cleanup.push(admin);
        games = await(admin.request(new Channels.Create(null, "Games", null, null, null), Channels.Created.class))
                .channel().id();
        other = await(admin.request(new Channels.Create(null, "Other", null, null, null), Channels.Created.class))
                .channel().id();
    }

    @AfterEach
    void stopAll() throws Exception {
        while (!cleanup.isEmpty()) {
            cleanup.pop().close();
        }
    }

    @Test
    void speechReachesTheSameChannelButNotAnotherChannelNorTheDeafened() throws Exception {
        RecordingOutput bobHears = new RecordingOutput();
        RecordingOutput carolHears = new RecordingOutput();
        RecordingOutput daveHears = new RecordingOutput();
        VoiceEngine bob = listener(guestIn("bob", games), bobHears, UnaryOperator.identity(), LISTENER);
        VoiceEngine carol = listener(guestIn("carol", other), carolHears, UnaryOperator.identity(), LISTENER);
        VoiceEngine dave = listener(guestIn("dave", games), daveHears, UnaryOperator.identity(), LISTENER);
        await(dave.setDeafened(true));
        awaitPath(bob, VoicePath.UDP);
        awaitPath(carol, VoicePath.UDP);
        awaitPath(dave, VoicePath.UDP);

        VoiceEngine alice = speak(guestIn("alice", games), UnaryOperator.identity());
        awaitSpeechPlayedOut(alice, bob);

        ReceiveStats fromAlice = onlySpeaker(bob);
        assertThat(Envelope.bestCorrelation(reference(), bobHears.samples())).as("%s", fromAlice).isGreaterThan(SAME_SPEECH);
        assertThat(Waveform.matchedShare(reference(), bobHears.samples(), SAME_WAVEFORM)).as("%s", fromAlice)
                .isGreaterThan(WAVEFORM_SHARE);
        assertThat(fromAlice.decodedFrames()).isGreaterThan(200);
        assertThat(carol.speakerStats()).isEmpty();
        assertThat(carolHears.peak()).isZero();
        assertThat(dave.speakerStats()).isEmpty();
        assertThat(daveHears.peak()).isZero();
        assertThat(carolHears.samples().length).isGreaterThan(reference().length / 2); // they were playing all along
    }

    @Test
    void holdingTheWhisperKeySendsSpeechToTheChosenUserInAnotherChannelAndNotToOnesOwn() throws Exception {
        RecordingOutput bobHears = new RecordingOutput();
        RecordingOutput carolHears = new RecordingOutput();
        VoiceEngine bob = listener(guestIn("bob", games), bobHears, UnaryOperator.identity(), LISTENER);
        ControlClient carolClient = guestIn("carol", other);
        List<Voice.Talking> carolIsTold = new CopyOnWriteArrayList<>();
        cleanup.push(carolClient.on(Voice.Talking.class, carolIsTold::add));
        VoiceEngine carol = listener(carolClient, carolHears, UnaryOperator.identity(), LISTENER);
        ControlClient aliceClient = guestIn("alice", games);
        long alice = userIds.get(aliceClient);
        // Push-to-talk, never pressed: only the whisper key makes her heard.
        VoiceEngine aliceVoice = new VoiceEngine(aliceClient, WavFileInput.open(speechFile(), WavFileInput.Pacing.REAL_TIME,
                true), new RecordingOutput(), LISTENER, UnaryOperator.identity());
        cleanup.push(aliceVoice);
        await(aliceVoice.start());
        awaitPath(bob, VoicePath.UDP);
        awaitPath(carol, VoicePath.UDP);
        await(aliceVoice.setWhisperTarget(1, List.of(userIds.get(carolClient)), null, false));

        aliceVoice.setWhisper(1, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> carol.speakerStats().values().stream()
                .anyMatch(stats -> stats.decodedFrames() > 50));
        aliceVoice.setWhisper(1, false);

        await().atMost(Duration.ofSeconds(5)).until(() -> carolIsTold.stream()
                .anyMatch(e -> e.userId() == alice && !e.talking() && e.whispered()));
        assertThat(carolIsTold).filteredOn(e -> e.userId() == alice && e.talking())
                .allMatch(Voice.Talking::whispered).isNotEmpty();
        assertThat(carolHears.peak()).as("carol heard speech").isGreaterThan(1_000);
        assertThat(bob.speakerStats()).as("bob, beside alice, heard nothing").isEmpty();
        assertThat(bobHears.peak()).isZero();
    }

    @Test
    void whisperingWhileTalkingToTheChannelEndsTheChannelSpurtAndResumesItOnRelease() throws Exception {
        ControlClient bobClient = guestIn("bob", games);
        List<Voice.Talking> bobIsTold = new CopyOnWriteArrayList<>();
        cleanup.push(bobClient.on(Voice.Talking.class, bobIsTold::add));
        VoiceEngine bob = listener(bobClient, new RecordingOutput(), UnaryOperator.identity(), LISTENER);
        ControlClient carolClient = guestIn("carol", other);
        List<Voice.Talking> carolIsTold = new CopyOnWriteArrayList<>();
        cleanup.push(carolClient.on(Voice.Talking.class, carolIsTold::add));
        VoiceEngine carol = listener(carolClient, new RecordingOutput(), UnaryOperator.identity(), LISTENER);
        ControlClient aliceClient = guestIn("alice", games);
        long alice = userIds.get(aliceClient);
        VoiceEngine aliceVoice = new VoiceEngine(aliceClient, WavFileInput.open(speechFile(), WavFileInput.Pacing.REAL_TIME,
                true), new RecordingOutput(), SPEAKER, UnaryOperator.identity());
        cleanup.push(aliceVoice);
        await(aliceVoice.start());
        awaitPath(bob, VoicePath.UDP);
        awaitPath(carol, VoicePath.UDP);
        await(aliceVoice.setWhisperTarget(1, List.of(userIds.get(carolClient)), null, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> lastTalking(bobIsTold, alice) == Boolean.TRUE);

        aliceVoice.setWhisper(1, true);
        // Spurts may also split by themselves on a stalled machine; what counts is where each audience ends up.
        await().atMost(Duration.ofSeconds(5)).until(() -> lastTalking(carolIsTold, alice) == Boolean.TRUE
                && lastTalking(bobIsTold, alice) == Boolean.FALSE);
        aliceVoice.setWhisper(1, false);

        await().atMost(Duration.ofSeconds(5)).until(() -> lastTalking(bobIsTold, alice) == Boolean.TRUE
                && lastTalking(carolIsTold, alice) == Boolean.FALSE);
        assertThat(carolIsTold).filteredOn(e -> e.userId() == alice).allMatch(Voice.Talking::whispered);
        assertThat(bobIsTold).filteredOn(e -> e.userId() == alice).noneMatch(Voice.Talking::whispered);
        assertThat(carol.speakerStats().values()).as("carol got the whispered frames")
                .anyMatch(stats -> stats.decodedFrames() > 0);
    }

    /** The latest talking state the user was told about {@code userId}, or null before any. */
    private static Boolean lastTalking(List<Voice.Talking> told, long userId) {
        List<Voice.Talking> about = told.stream().filter(e -> e.userId() == userId).toList();
        return about.isEmpty() ? null : about.get(about.size() - 1).talking();
    }

    @Test
    void voiceComesBackByItselfAfterTheRoomRestarts() throws Exception {
        RecordingOutput bobHears = new RecordingOutput();
        ControlClient bobClient = guestIn("bob", games);
        VoiceEngine bob = listener(bobClient, bobHears, UnaryOperator.identity(), LISTENER);
        ControlClient aliceClient = guestIn("alice", games);
        // Push-to-talk, released until after the restart: whatever Bob hears was sent over the new session.
        VoiceEngine alice = new VoiceEngine(aliceClient, WavFileInput.open(speechFile(), WavFileInput.Pacing.REAL_TIME, true),
                new RecordingOutput(), LISTENER, UnaryOperator.identity());
        cleanup.push(alice);
        int aliceSessionBefore = await(alice.start());
        awaitPath(bob, VoicePath.UDP);
        awaitPath(alice, VoicePath.UDP);
        List<ConnectionState> bobStates = new CopyOnWriteArrayList<>();
        List<ConnectionState> aliceStates = new CopyOnWriteArrayList<>();
        bobClient.onStatus(status -> bobStates.add(status.state()));
        aliceClient.onStatus(status -> aliceStates.add(status.state()));

        room.restart();

        await().atMost(Duration.ofSeconds(20)).until(() -> bobStates.contains(ConnectionState.RECONNECTING)
                && aliceStates.contains(ConnectionState.RECONNECTING)
                && bobClient.status().state() == ConnectionState.CONNECTED
                && aliceClient.status().state() == ConnectionState.CONNECTED);
        awaitPath(bob, VoicePath.UDP);
        awaitPath(alice, VoicePath.UDP);
        assertThat(bob.speakerStats()).isEmpty();
        alice.setPushToTalk(true);

        await().atMost(Duration.ofSeconds(20)).until(() -> bob.speakerStats().values().stream()
                .anyMatch(stats -> stats.decodedFrames() > 100));
        assertThat(bob.speakerStats()).doesNotContainKey(aliceSessionBefore);
        assertThat(bobHears.peak()).isPositive();
    }

    @Test
    void speechSurvivesTenPercentLossAndThirtyMillisecondsOfJitter() throws Exception {
        speechSurvivesLossAndJitter(42);
    }

    /**
     * The robustness proof: the lossy run 20 times in a row, each with its own loss pattern, e.g. while CPU
     * hogs run. Off in the normal build (it takes minutes): {@code -Dparley.soak=true}.
     */
    @RepeatedTest(20)
    @EnabledIfSystemProperty(named = "parley.soak", matches = "true")
    void speechSurvivesLossAndJitterTwentyTimesInARow(RepetitionInfo repetition) throws Exception {
        speechSurvivesLossAndJitter(1_000 + repetition.getCurrentRepetition());
    }

    private void speechSurvivesLossAndJitter(long seed) throws Exception {
        UdpShim shim = UdpShim.lossy(relay(), 0.10, 30, seed);
        cleanup.push(shim);
        RecordingOutput bobHears = new RecordingOutput();
        VoiceEngine bob = listener(guestIn("bob", games), bobHears, address -> shim.address(), LISTENER);
        awaitPath(bob, VoicePath.UDP);

        VoiceEngine alice = speak(guestIn("alice", games), UnaryOperator.identity());
        awaitSpeechPlayedOut(alice, bob);

        ReceiveStats fromAlice = onlySpeaker(bob);
        // About 10 % of ~500 datagrams (audio and pings, both ways); some seeds drop fewer than 20.
        assertThat(shim.dropped()).as("datagrams the shim dropped").isGreaterThan(10);
        assertThat(fromAlice.jitter().lost()).as("frames lost on the way").isGreaterThan(10);
        assertThat(fromAlice.realDataRatio()).as("frames decoded from real data: %s", fromAlice).isGreaterThanOrEqualTo(0.95);
        short[] heard = bobHears.samples();
        double envelope = Envelope.bestCorrelation(reference(), heard);
        double waveform = Waveform.matchedShare(reference(), heard, SAME_WAVEFORM);
        LOG.warn("Lossy speech, seed {}: envelope {}, waveform {}, {}", seed, envelope, waveform, fromAlice);
        assertThat(envelope).as("%s", fromAlice).isGreaterThan(SAME_SPEECH);
        assertThat(waveform).as("%s", fromAlice).isGreaterThan(WAVEFORM_SHARE);
        TransportStats link = bob.transportStats().orElseThrow();
        assertThat(link.rttMs()).isPositive();
    }

    @Test
    void speechTravelsThroughTheTunnelWhenUdpIsBlockedAndUdpIsUsedAgainOnceItWorks() throws Exception {
        UdpShim shim = UdpShim.blocking(relay());
        cleanup.push(shim);
        TransportSettings quick = TransportSettings.defaults().withUdpTimeout(Duration.ofMillis(400))
                .withUdpProbeInterval(Duration.ofMillis(300));
        RecordingOutput bobHears = new RecordingOutput();
        VoiceEngine bob = listener(guestIn("bob", games), bobHears, address -> shim.address(),
                LISTENER.withTransport(quick));
        awaitPath(bob, VoicePath.TUNNEL);

        VoiceEngine alice = speak(guestIn("alice", games), UnaryOperator.identity());
        awaitSpeechPlayedOut(alice, bob);

        assertThat(bob.transportStats().orElseThrow().path()).isEqualTo(VoicePath.TUNNEL);
        assertThat(Envelope.bestCorrelation(reference(), bobHears.samples())).as("%s", onlySpeaker(bob))
                .isGreaterThan(SAME_SPEECH);
        assertThat(onlySpeaker(bob).realDataRatio()).isGreaterThanOrEqualTo(0.95);

        shim.setBlocked(false);
        awaitPath(bob, VoicePath.UDP);
        assertThat(bob.transportStats().orElseThrow().pathSwitches()).isEqualTo(1);
    }

    @Test
    void silenceAndWhiteNoiseOfTheSameLengthFailTheComparison() throws Exception {
        short[] speech = reference();
        short[] silence = new short[speech.length + 48_000];
        short[] noise = new short[silence.length];
        Random random = new Random(7);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 3000);
        }
        assertThat(Envelope.bestCorrelation(speech, silence)).isLessThan(SAME_SPEECH);
        assertThat(Envelope.bestCorrelation(speech, noise)).isLessThan(SAME_SPEECH);
        short[] delayed = new short[silence.length];
        System.arraycopy(speech, 0, delayed, 24_000, speech.length);
        assertThat(Envelope.bestCorrelation(speech, delayed)).as("the comparison itself").isGreaterThan(0.99);

        assertThat(Waveform.matchedShare(speech, silence, SAME_WAVEFORM)).isZero();
        assertThat(Waveform.matchedShare(speech, noise, SAME_WAVEFORM)).isLessThan(0.05);
        assertThat(Waveform.matchedShare(speech, delayed, SAME_WAVEFORM)).isEqualTo(1.0);
        // Noise that follows the speech's loudness passes an envelope check but not the waveform check.
        short[] shapedNoise = new short[silence.length];
        double[] envelope = Envelope.of(speech);
        for (int i = 0; i < speech.length; i++) {
            shapedNoise[24_000 + i] = (short) (random.nextGaussian() * envelope[Math.min(envelope.length - 1,
                    i / Envelope.WINDOW)]);
        }
        assertThat(Envelope.bestCorrelation(speech, shapedNoise)).isGreaterThan(SAME_SPEECH);
        assertThat(Waveform.matchedShare(speech, shapedNoise, SAME_WAVEFORM)).isLessThan(0.05);
        // Opus at the default settings, no network: what a perfect link would deliver.
        short[] coded = opusRoundTrip(speech);
        double codedShare = Waveform.matchedShare(speech, coded, SAME_WAVEFORM);
        LOG.warn("Opus-coded speech: {} of voiced segments matched", codedShare);
        assertThat(codedShare).isGreaterThan(WAVEFORM_SHARE);
    }

    private static short[] opusRoundTrip(short[] speech) {
        dev.parley.client.core.voice.codec.OpusSettings settings = dev.parley.client.core.voice.codec.OpusSettings.defaults();
        dev.parley.client.core.voice.codec.VoiceEncoder encoder = new dev.parley.client.core.voice.codec.VoiceEncoder(settings);
        dev.parley.client.core.voice.codec.VoiceDecoder decoder = new dev.parley.client.core.voice.codec.VoiceDecoder();
        byte[] packet = new byte[dev.parley.client.core.voice.codec.VoiceEncoder.MAX_PACKET_BYTES];
        int length = settings.frameSamples();
        short[] frame = new short[length];
        short[] decoded = new short[dev.parley.client.core.voice.codec.OpusSettings.MAX_FRAME_SAMPLES];
        short[] out = new short[speech.length];
        for (int from = 0; from + length <= speech.length; from += length) {
            System.arraycopy(speech, from, frame, 0, length);
            int n = decoder.decode(Arrays.copyOf(packet, encoder.encode(frame, packet)), decoded);
            System.arraycopy(decoded, 0, out, from, n);
        }
        return out;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private InetSocketAddress relay() {
        return new InetSocketAddress("127.0.0.1", room.server().voicePort());
    }

    private ControlClient guestIn(String name, long channelId) throws Exception {
        ControlClient client = Clients.client(room.port());
        cleanup.push(client);
        userIds.put(client, Clients.signIn(client, new Credentials.Guest(name, null)).self().id());
        await(client.requestOk(new Channels.Join(channelId, null)));
        return client;
    }

    private VoiceEngine listener(ControlClient client, RecordingOutput output, UnaryOperator<InetSocketAddress> route,
            VoiceSettings settings) throws Exception {
        VoiceEngine engine = new VoiceEngine(client, new NullAudioInput(), output, settings, route);
        cleanup.push(engine);
        await(engine.start());
        return engine;
    }

    /** Alice speaks the test speech into a device-like microphone (a stalled capture thread loses nothing). */
    private VoiceEngine speak(ControlClient client, UnaryOperator<InetSocketAddress> route) throws Exception {
        VoiceEngine engine = new VoiceEngine(client, new DeviceLikeMicrophone(reference()), new RecordingOutput(),
                SPEAKER, route);
        cleanup.push(engine);
        await(engine.start());
        return engine;
    }

    private static void awaitPath(VoiceEngine engine, VoicePath path) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                engine.transportStats().map(TransportStats::path).orElse(null) == path);
    }

    /**
     * Until the file has been read to its end and the listener has played the last of it: nobody talking and
     * nothing left in a jitter buffer (after a stall longer than the spurt gap the speech resumes as a new
     * spurt, and between the two nobody is talking while the rest still waits).
     */
    private static void awaitSpeechPlayedOut(VoiceEngine speaker, VoiceEngine listener) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !speaker.isCapturing());
        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.speakerStats().isEmpty()
                && listener.talkingSessions().isEmpty()
                && listener.speakerStats().values().stream().allMatch(stats -> stats.jitter().buffered() == 0));
    }

    private static ReceiveStats onlySpeaker(VoiceEngine listener) {
        assertThat(listener.speakerStats()).hasSize(1);
        return listener.speakerStats().values().iterator().next();
    }

    private static Path speechFile() throws Exception {
        return Path.of(VoiceEndToEndTest.class.getResource("/audio/speech-48k.wav").toURI());
    }

    private static short[] reference() throws Exception {
        try (WavFileInput input = WavFileInput.open(speechFile())) {
            short[] all = new short[0];
            short[] chunk = PcmFormat.newChunk();
            while (input.read(chunk)) {
                all = Arrays.copyOf(all, all.length + chunk.length);
                System.arraycopy(chunk, 0, all, all.length - chunk.length, chunk.length);
            }
            return all;
        }
    }
}
