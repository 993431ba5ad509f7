package dev.parley.client.core.voice;

import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.core.audio.vad.VoiceActivationGate;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ConnectionStatus;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoiceTransport;
import dev.parley.client.core.voice.receive.ReceiveStats;
import dev.parley.client.core.voice.receive.SpeakerStream;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedVoice;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.VoiceKey;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice for one {@link ControlClient}: microphone → processing → gate → Opus → {@link VoiceTransport} →
 * relay, and relay → jitter buffers → decoders → mixer → speaker. Asks the server for voice
 * ({@code voice.start}), tells it the mute/deafen switches ({@code voice.state}), asks again with a new
 * session after the control connection comes back, and maps voice sessions to user ids from
 * {@code voice.talking} so volumes can be set per user.
 *
 * <p>Thread-safe: every public method may be called from any thread. Listeners run on the thread that
 * noticed the change (capture thread for level and own talking, playback thread for others' talking)
 * and must hand off to their UI thread.
 */
public final class VoiceEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceEngine.class);

    private final ControlClient client;
    private final VoiceSettings settings;
    private final UnaryOperator<InetSocketAddress> relayRoute;
    private final CaptureChain capture;
    private final PlaybackChain playback;
    private final Listeners<AudioLevel> levelListeners = new Listeners<>();
    private final Listeners<Boolean> selfTalkingListeners = new Listeners<>();
    private final Listeners<SpeakerTalking> speakerListeners = new Listeners<>();
    private final Map<Integer, Long> userBySession = new ConcurrentHashMap<>();
    private final Map<Long, Integer> volumeByUser = new ConcurrentHashMap<>();
    private final Set<Long> mutedUsers = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private List<Subscription> subscriptions = List.of();
    private volatile VoiceTransport transport;
    private volatile AudioLevel inputLevel = AudioLevel.SILENCE;
    private volatile boolean selfMuted;
    private volatile boolean deafened;
    private volatile boolean running;
    /** Sees the channel's packets (a channel recorder); NONE when nobody records the channel. */
    private volatile ReceivedPacketTap channelTap = NONE_TAP;
    /** Sees the call's packets (a call recorder); NONE when nobody records the call. */
    private volatile ReceivedPacketTap callTap = NONE_TAP;
    private static final ReceivedPacketTap NONE_TAP = (sessionId, timestamp, payload, arrivalNanos) -> { };
    /** Event thread only: the control connection dropped while voice was on. */
    private boolean restartWhenConnected;
    /**
     * The end-to-end layer of this client's channel: {@code channelEncrypted} false for a plain channel;
     * true with a key to seal and open its voice, true without one to send and play nothing there.
     */
    private volatile boolean channelEncrypted;
    private volatile ChannelKey channelKey;
    private final java.util.concurrent.atomic.LongAdder unopenedFrames = new java.util.concurrent.atomic.LongAdder();
    /** Whisper targets as last set, sent again with every new voice session (the server forgets them). */
    private final Map<Integer, Voice.SetTarget> whisperTargets = new ConcurrentHashMap<>();

    /**
     * Starts getting the Opus codec compiled on a background thread, once per JVM ({@link CodecWarmUp}), so
     * the first call after launch does not run it half-compiled. Every engine does this as it is built; the
     * app calls it at launch to be done before the user joins a room.
     */
    public static void warmUpCodec(VoiceSettings settings) {
        CodecWarmUp.startOnce(settings.opus());
    }

    /** Voice to the relay at the control server's host and the port {@code voice.ready} names. */
    public VoiceEngine(ControlClient client, AudioInput input, AudioOutput output, VoiceSettings settings) {
        this(client, input, output, settings, UnaryOperator.identity());
    }

    /**
     * @param relayRoute maps the relay's address to where datagrams are really sent (a test proxy, a port
     *                   forward); identity in normal use
     */
    public VoiceEngine(ControlClient client, AudioInput input, AudioOutput output, VoiceSettings settings,
            UnaryOperator<InetSocketAddress> relayRoute) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.relayRoute = Objects.requireNonNull(relayRoute, "relayRoute");
        warmUpCodec(settings);
        this.capture = new CaptureChain(input, settings, this::levelMeasured, this::send);
        this.playback = new PlaybackChain(output, settings.jitter(), capture.processor());
        capture.gate().addTalkingListener(selfTalkingListeners::fire);
        playback.mixer().setTalkingListener((sessionId, talking) ->
                speakerListeners.fire(new SpeakerTalking(userBySession.getOrDefault(sessionId, 0L), sessionId, talking)));
    }

    /**
     * Starts the audio threads and asks the server for voice. The future completes with the voice
     * session id, or fails when the server refuses (the audio threads keep running; {@link #close()} them).
     * The client must be connected.
     */
    public CompletableFuture<Integer> start() {
        synchronized (lifecycle) {
            if (running) {
                throw new IllegalStateException("voice engine already started");
            }
            running = true;
            subscriptions = List.of(
                    client.onBinary(this::tunnelled),
                    client.on(Voice.Talking.class, this::talkingEvent),
                    client.onStatus(this::statusChanged));
            playback.start();
            capture.start();
        }
        return requestVoice();
    }

    /** Stops voice: tells the server, closes the transport, the audio threads and the devices. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            subscriptions.forEach(Subscription::close);
            closeTransport();
            if (client.status().state() == ConnectionState.CONNECTED) {
                client.requestOk(new Voice.Stop());
            }
            capture.close();
            playback.close();
        }
    }

    // ---- controls -------------------------------------------------------------------------------

    public void setTransmitMode(TransmitMode mode) {
        capture.gate().setMode(mode);
    }

    public TransmitMode transmitMode() {
        return capture.gate().mode();
    }

    /** The push-to-talk key; only matters in {@link TransmitMode#PUSH_TO_TALK}. */
    public void setPushToTalk(boolean pressed) {
        capture.gate().setPushToTalk(pressed);
    }

    /**
     * Registers whisper target {@code target} (1..30) on the server: these users, and with a channel
     * everyone in it (and in its sub-channels with {@code children}). No users and no channel clears it.
     * Kept and registered again whenever voice restarts.
     */
    public CompletableFuture<Ok> setWhisperTarget(int target, List<Long> userIds, Long channelId, boolean children) {
        Voice.SetTarget request = new Voice.SetTarget(target, userIds, channelId, children);
        if (request.clears()) {
            whisperTargets.remove(target);
        } else {
            whisperTargets.put(target, request);
        }
        if (transport == null || client.status().state() != ConnectionState.CONNECTED) {
            // Sent with the next voice.ready.
            return CompletableFuture.completedFuture(new Ok());
        }
        return client.requestOk(request);
    }

    /**
     * The whisper key: while held, the microphone transmits in every transmit mode (unless muted) to
     * {@code target} instead of the channel; on release the spurt ends and talk goes to the channel again.
     */
    public void setWhisper(int target, boolean pressed) {
        if (target < AudioFrame.MIN_WHISPER_TARGET || target > AudioFrame.MAX_WHISPER_TARGET) {
            throw new IllegalArgumentException("whisper target must be 1..30: " + target);
        }
        capture.gate().setWhisper(pressed ? target : AudioFrame.CHANNEL_TARGET);
    }

    /** Where talk goes now: 0 = the channel, 1..30 the whisper target whose key is held, 31 = the call. */
    public int transmitTarget() {
        int whisper = capture.gate().whisperTarget();
        return whisper != 0 ? whisper : capture.gate().baseTarget();
    }

    /**
     * Talk to your call (true) or to your channel (false) while the whisper key is up: a frame goes to one
     * of them, never both. Switching ends the spurt in progress where it went.
     */
    public void setTalkToCall(boolean toCall) {
        capture.gate().setBaseTarget(toCall ? AudioFrame.CALL_TARGET : AudioFrame.CHANNEL_TARGET);
    }

    public boolean talksToCall() {
        return capture.gate().baseTarget() == AudioFrame.CALL_TARGET;
    }

    /**
     * Says whether this client's channel is end-to-end encrypted and, if so, its key (null while the user
     * has not given the passphrase). Talk to an encrypted channel is sealed with the key and what comes from
     * it is opened with it; without a key nothing is sent there and nothing heard from there is played, so
     * the relay never sees this client's voice in the clear. Call it whenever the channel or its key changes.
     */
    public void setChannelEncryption(boolean encrypted, ChannelKey key) {
        channelKey = encrypted ? key : null;
        channelEncrypted = encrypted;
    }

    /** Frames from an encrypted channel that did not open (another key, or no key): dropped, not played. */
    public long unopenedFrames() {
        return unopenedFrames.sum();
    }

    /** Self-mute: nothing is sent; the server is told. */
    public CompletableFuture<Ok> setSelfMuted(boolean muted) {
        selfMuted = muted;
        capture.gate().setMuted(selfMuted || deafened);
        return pushState();
    }

    /** Deafen: nothing is played and nothing sent; the server stops forwarding to us and is told. */
    public CompletableFuture<Ok> setDeafened(boolean deafen) {
        deafened = deafen;
        playback.mixer().setDeafened(deafen);
        capture.gate().setMuted(selfMuted || deafened);
        return pushState();
    }

    /**
     * Moves the voice activation threshold (dBFS, the level meter's scale) while voice runs; takes effect at
     * the next captured chunk, so dragging it on a meter needs no restart.
     */
    public void setVoiceActivationThreshold(double dbfs) {
        VoiceActivationGate activation = capture.activation();
        activation.setSettings(activation.settings().withOpenThresholdDbfs(dbfs));
    }

    public double voiceActivationThreshold() {
        return capture.activation().settings().openThresholdDbfs();
    }

    public boolean isSelfMuted() {
        return selfMuted;
    }

    public boolean isDeafened() {
        return deafened;
    }

    /** Playback volume of one user, 0..200 percent; applies as soon as their voice session is known. */
    public void setUserVolume(long userId, int volumePercent) {
        volumeByUser.put(userId, volumePercent);
        sessionsOf(userId).forEach(session -> playback.mixer().setVolume(session, volumePercent));
    }

    /** Mutes one user for this listener only. */
    public void setUserMuted(long userId, boolean muted) {
        if (muted) {
            mutedUsers.add(userId);
        } else {
            mutedUsers.remove(userId);
        }
        sessionsOf(userId).forEach(session -> playback.mixer().setMuted(session, muted));
    }

    // ---- observing ------------------------------------------------------------------------------

    /** Smoothed input level about 33 times a second; on the capture thread. */
    public Subscription onInputLevel(Consumer<? super AudioLevel> listener) {
        return levelListeners.add(listener);
    }

    /** Whether I am transmitting; on the capture thread. */
    public Subscription onSelfTalking(Consumer<? super Boolean> listener) {
        return selfTalkingListeners.add(listener);
    }

    /** Others starting and stopping to be heard; on the playback thread. */
    public Subscription onSpeakerTalking(Consumer<? super SpeakerTalking> listener) {
        return speakerListeners.add(listener);
    }

    public AudioLevel inputLevel() {
        return inputLevel;
    }

    public boolean isTalking() {
        return capture.gate().isTalking();
    }

    /** Voice session ids heard talking as of the last mixed chunk. */
    public Set<Integer> talkingSessions() {
        return playback.mixer().talkingSpeakers();
    }

    /** The current voice session, while voice is up. */
    public OptionalInt sessionId() {
        VoiceTransport current = transport;
        return current == null ? OptionalInt.empty() : OptionalInt.of(current.sessionId());
    }

    /** Path, round trip, loss and jitter, while voice is up. */
    public Optional<TransportStats> transportStats() {
        VoiceTransport current = transport;
        return current == null ? Optional.empty() : Optional.of(current.stats());
    }

    /** Receive counters per speaker session heard recently. */
    public Map<Integer, ReceiveStats> speakerStats() {
        Map<Integer, ReceiveStats> stats = new HashMap<>();
        for (SpeakerStream stream : playback.receiver().sources()) {
            stats.put(stream.speakerId(), stream.stats());
        }
        return stats;
    }

    /**
     * Hands the channel's packets to {@code tap} too (received ones and this client's own talk to the
     * channel; see {@link ReceivedPacketTap}), one tap at a time, until the subscription closes.
     */
    public Subscription tapReceivedPackets(ReceivedPacketTap tap) {
        return tapPackets(RecordedAudio.CHANNEL, tap);
    }

    /**
     * Hands the packets of {@code audio} to {@code tap} too: those received with its voice target and
     * this client's own talk sent to it. One tap per kind at a time (a channel and a call recording may
     * run side by side), until the subscription closes.
     */
    public Subscription tapPackets(RecordedAudio audio, ReceivedPacketTap tap) {
        Objects.requireNonNull(tap, "tap");
        if (audio == RecordedAudio.CALL) {
            callTap = tap;
        } else {
            channelTap = tap;
        }
        return () -> {
            if (audio == RecordedAudio.CALL && callTap == tap) {
                callTap = NONE_TAP;
            } else if (audio == RecordedAudio.CHANNEL && channelTap == tap) {
                channelTap = NONE_TAP;
            }
        };
    }

    /** The tap for frames to or from voice target {@code target}; NONE for whispers and untapped kinds. */
    private ReceivedPacketTap tapFor(int target) {
        if (target == AudioFrame.CHANNEL_TARGET) {
            return channelTap;
        }
        return target == AudioFrame.CALL_TARGET ? callTap : NONE_TAP;
    }

    /** The user a voice session belongs to, once the server has said so. */
    public Optional<Long> userOf(int sessionId) {
        return Optional.ofNullable(userBySession.get(sessionId));
    }

    /** False once the input has ended (a file played to its end) or failed. */
    public boolean isCapturing() {
        return capture.isRunning();
    }

    public long chunksPlayed() {
        return playback.loop().chunksPlayed();
    }

    /** The speaker's underruns, refills and re-opens so far, and which device plays now. */
    public OutputHealth outputHealth() {
        return playback.health();
    }

    /** The microphone's re-opens so far (lost, replaced by the system default), and which device captures now. */
    public InputHealth inputHealth() {
        return capture.inputHealth();
    }

    // ---- internals ------------------------------------------------------------------------------

    private CompletableFuture<Integer> requestVoice() {
        return client.request(new Voice.Start(), Voice.Ready.class).thenApply(ready -> {
            // Event thread: replies complete there, so transports are swapped in order.
            openTransport(ready);
            if (selfMuted || deafened) {
                pushState();
            }
            whisperTargets.values().forEach(target -> client.requestOk(target).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("Whisper target {} was refused: {}", target.target(), error.toString());
                }
            }));
            return ready.sessionId();
        });
    }

    private void openTransport(Voice.Ready ready) {
        synchronized (lifecycle) {
            closeTransport();
            if (!running) {
                return;
            }
            InetSocketAddress relay = relayRoute.apply(new InetSocketAddress(client.server().getHost(), ready.udpPort()));
            VoiceTransport next = new VoiceTransport(relay, ready.sessionId(), VoiceKey.fromBase64(ready.key()),
                    client::sendBinary, new VoiceTransport.Listener() {
                        @Override
                        public void audio(AudioFrame frame, long arrivalNanos) {
                            received(frame, arrivalNanos);
                        }
                    }, settings.transport());
            next.start();
            transport = next;
            LOG.info("Voice session {} started towards {}", ready.sessionId(), relay);
        }
    }

    private void closeTransport() {
        VoiceTransport current = transport;
        transport = null;
        if (current != null) {
            current.close();
        }
    }

    private void statusChanged(ConnectionStatus status) {
        if (!running) {
            return;
        }
        if (status.state() != ConnectionState.CONNECTED) {
            if (transport != null) {
                LOG.info("Control connection {}; voice pauses", status.state());
                restartWhenConnected = true;
                closeTransport();
            }
        } else if (restartWhenConnected) {
            restartWhenConnected = false;
            requestVoice().whenComplete((session, error) -> {
                if (error != null) {
                    LOG.warn("Voice could not restart after reconnecting: {}", error.toString());
                }
            });
        }
    }

    private CompletableFuture<Ok> pushState() {
        if (client.status().state() != ConnectionState.CONNECTED) {
            // Sent again with the next voice.start.
            return CompletableFuture.completedFuture(new Ok());
        }
        return client.requestOk(new Voice.SetState(selfMuted || deafened, deafened));
    }

    /**
     * Capture thread: one encoded packet to the relay; dropped while voice is down. The gate gives each
     * spurt one target and ends it when the whisper key changes the target, so the end-of-talk frame goes
     * to the audience that heard the spurt.
     */
    private void send(EncodedFrame packet) {
        VoiceTransport current = transport;
        if (current == null) {
            return;
        }
        int target = capture.gate().spurtTarget();
        byte[] payload = packet.payload();
        if (target == AudioFrame.CHANNEL_TARGET && channelEncrypted) {
            ChannelKey key = channelKey;
            if (key == null || payload.length + SealedVoice.OVERHEAD > AudioFrame.MAX_PAYLOAD_BYTES) {
                return; // an encrypted channel without its key: say nothing rather than say it in the clear
            }
            payload = SealedVoice.seal(key, current.sessionId(), (int) packet.sequence(), (int) packet.timestamp(),
                    payload);
        }
        current.send(new AudioFrame(current.sessionId(), (int) packet.sequence(), (int) packet.timestamp(),
                AudioFrame.flags(packet.endOfTalk(), target), payload));
        ReceivedPacketTap tap = tapFor(target);
        if (tap != NONE_TAP && packet.payload().length > 0) {
            // A recording holds what its audience heard: my own talk to the channel (or the call) too,
            // in the clear as I said it (an encrypted channel's seal is for the wire only).
            tap.packet(current.sessionId(), (int) packet.timestamp(), packet.payload(), System.nanoTime());
        }
    }

    /** Network thread. */
    private void received(AudioFrame frame, long arrivalNanos) {
        byte[] payload = frame.payload();
        boolean channel = frame.target() == AudioFrame.CHANNEL_TARGET;
        if (channel && channelEncrypted && payload.length > 0) {
            ChannelKey key = channelKey;
            Optional<byte[]> opened = key == null ? Optional.empty()
                    : SealedVoice.open(key, frame.speakerSessionId(), frame.sequence(), frame.timestamp(), payload);
            if (opened.isEmpty()) {
                unopenedFrames.increment();
                return;
            }
            payload = opened.get();
        }
        ReceivedPacketTap tap = tapFor(frame.target());
        if (tap != NONE_TAP) {
            // Each recording keeps its own target only: whispers reach no tap, and a channel recording
            // never holds the call (nor a call recording the channel).
            tap.packet(frame.speakerSessionId(), frame.timestamp(), payload, arrivalNanos);
        }
        playback.receiver().offerWire(frame.speakerSessionId(), frame.sequence(), frame.timestamp(), frame.endOfTalk(),
                payload, arrivalNanos);
    }

    /** WebSocket reader thread. */
    private void tunnelled(byte[] datagram) {
        VoiceTransport current = transport;
        if (current != null) {
            current.acceptTunneled(datagram);
        }
    }

    /** Event thread. */
    private void talkingEvent(Voice.Talking event) {
        Long before = userBySession.put(event.sessionId(), event.userId());
        if (before == null || before != event.userId()) {
            Integer volume = volumeByUser.get(event.userId());
            if (volume != null) {
                playback.mixer().setVolume(event.sessionId(), volume);
            }
            if (mutedUsers.contains(event.userId())) {
                playback.mixer().setMuted(event.sessionId(), true);
            }
        }
    }

    private List<Integer> sessionsOf(long userId) {
        return userBySession.entrySet().stream().filter(e -> e.getValue() == userId).map(Map.Entry::getKey).toList();
    }

    /** Capture thread. */
    private void levelMeasured(AudioLevel level) {
        inputLevel = level;
        levelListeners.fire(level);
    }
}
