package dev.parley.client.cli;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.device.WavFileOutput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.net.ClientConfig;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.core.net.ServerTrust;
import dev.parley.protocol.tls.Fingerprint;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.call.CallDesk;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedText;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.net.LinkFigures;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.receive.ReceiveStats;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChannelInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A Parley client without a window, for bots, tests and load: signs in, joins a channel, plays a WAV file
 * as its microphone, records what it hears, says one chat line, and leaves after a while with a summary.
 * One run per instance; not thread-safe.
 */
@Command(name = "parley cli", mixinStandardHelpOptions = true, version = "Parley headless client 0.1",
        description = "Joins a Parley room headless: play a WAV file as the microphone, record what you hear.",
        sortOptions = false)
public final class HeadlessClient implements Callable<Integer> {

    /** How long to keep listening after a played file ends, so the last words reach everyone. */
    private static final long TAIL_MILLIS = 1_500;
    private static final long TIMEOUT_SECONDS = 15;
    private static final long CALL_ANSWER_SECONDS = 60;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Room host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "7720", description = "Room control port (default: ${DEFAULT-VALUE}).")
    int port;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Identity identity;

    static final class Identity {
        @ArgGroup(exclusive = false)
        Account account;

        @Option(names = "--guest", paramLabel = "NAME", description = "Join as a guest with this nickname.")
        String guest;
    }

    static final class Account {
        @Option(names = "--user", required = true, description = "Account name.")
        String user;

        @Option(names = "--password", required = true, arity = "0..1", interactive = true,
                description = "Account password (asked for when given without a value).")
        String password;

        @Option(names = "--register", description = "Create the account first.")
        boolean register;
    }

    @ArgGroup(exclusive = true)
    Trust trust;

    static final class Trust {
        @Option(names = "--trust", paramLabel = "FINGERPRINT",
                description = "Trust a room seen for the first time only if its certificate has this SHA-256 fingerprint "
                        + "(the host's Parley prints it).")
        String fingerprint;

        @Option(names = "--trust-on-first-use",
                description = "Trust whatever certificate a room seen for the first time shows (then pin it).")
        boolean onFirstUse;

        @Option(names = "--plain", description = "Connect without TLS (ws://), to a room started with --plain.")
        boolean plain;
    }

    @Option(names = "--known-servers", paramLabel = "FILE",
            description = "Trusted rooms file (default: known-servers.json in the Parley data folder).")
    Path knownServers;

    @Option(names = "--server-password", description = "The room's password, if it has one.")
    String serverPassword;

    @Option(names = "--claim-admin", paramLabel = "CODE",
            description = "Become the room's first admin with the one-time code its server printed at start.")
    String claimAdmin;

    @Option(names = "--channel", paramLabel = "NAME|ID", description = "Channel to join (default: stay in the lobby).")
    String channel;

    @Option(names = "--play", paramLabel = "FILE", description = "WAV file to use as the microphone, in real time.")
    Path play;

    @Option(names = "--loop", description = "Repeat the --play file until --seconds are over.")
    boolean loop;

    @Option(names = "--record", paramLabel = "FILE", description = "Record what you hear to this WAV file (48 kHz mono).")
    Path record;

    @Option(names = "--record-channel", paramLabel = "DIR",
            description = "Record the channel you join for the whole run: one Ogg Opus file per speaker, as received, "
                    + "into DIR; everyone in the channel sees that you record. The files are printed at the end.")
    Path recordChannel;

    @Option(names = "--passphrase", paramLabel = "TEXT", arity = "0..1", interactive = true,
            description = "The passphrase of the end-to-end encrypted channel you join (without a value: asked).")
    private String passphrase;

    @Option(names = "--publish-identity",
            description = "Publish this account's identity key, so that others can give it the keys of shared-key "
                    + "encrypted channels (the app does this at every sign-in).")
    private boolean publishIdentity;

    @Option(names = "--encrypt-for", paramLabel = "USER", split = ",",
            description = "Give the channel you join a new end-to-end key shared with these accounts and you "
                    + "(names or ids): each gets a copy sealed to their identity key; anyone left out cannot read "
                    + "what follows. Needs manage on the channel.")
    private java.util.List<String> encryptFor;

    @Option(names = "--safety-number", paramLabel = "USER", split = ",",
            description = "Print the safety number you and these accounts compare to know their identity keys are real.")
    private java.util.List<String> safetyNumbers;

    @Option(names = "--identities", paramLabel = "DIR",
            description = "Where this desktop keeps its identity keys (default: the Parley data folder's identities).")
    private Path identities;

    /** The channel joined, as the room described it; null until joined. */
    private ChannelInfo joined;

    /** Identity and shared keys, for an account that takes part in them; null otherwise. */
    private E2eCommands e2eCommands;

    /** The keys of the joined encrypted channel this client holds, by epoch: from --passphrase or given to it. */
    private java.util.Map<Integer, ChannelKey> channelKeys = java.util.Map.of();

    @Option(names = "--whisper-to", paramLabel = "USER", split = ",",
            description = "Talk to these users (names or ids, comma-separated) instead of the channel, wherever they are.")
    private java.util.List<String> whisperTo;

    @Option(names = "--shout-to", paramLabel = "NAME|ID",
            description = "Talk to everyone in this channel and its sub-channels instead of your own channel.")
    private String shoutTo;

    @Option(names = "--record-call", paramLabel = "DIR",
            description = "Record each answered call (with --call or --answer) into DIR/call-with-<peer>-<time>/: "
                    + "one Ogg Opus file per side, as heard, and mix.opus; both sides see that you record. "
                    + "The files are printed when the call ends.")
    Path recordCall;

    @Option(names = "--call", paramLabel = "USER",
            description = "Call this user (name or id; online, an account) and talk to the call instead of the channel.")
    private String callUser;

    @Option(names = "--answer", description = "Answer calls that come in while this runs, and talk to the call.")
    private boolean answerCalls;

    @Option(names = "--say", paramLabel = "TEXT", description = "Send this chat line to the channel.")
    String say;

    @Option(names = "--transmit", paramLabel = "MODE",
            description = "always, vad or ptt (ptt: the key is held for the whole run). Default: always with --play, else vad.")
    String transmit;

    @Option(names = "--processing", description = "Run echo cancellation, noise suppression and gain control.")
    boolean processing;

    @Option(names = "--seconds", paramLabel = "N",
            description = "Leave after N seconds (default: when --play ends, plus a moment; else 10).")
    Double seconds;

    @Option(names = "--link", paramLabel = "PARLEY_LINK",
            description = "Join with a parley:// link: its host, port and certificate fingerprint (trusted for this room), "
                    + "and, with --user/--password, its invite code to register with (an invite link implies --register).")
    String link;

    @Option(names = "--friend-request", paramLabel = "NAME", description = "Send NAME a friend request.")
    String friendRequest;

    @Option(names = "--friend-accept", paramLabel = "NAME", description = "Accept NAME's friend request.")
    String friendAccept;

    @Option(names = "--friend-decline", paramLabel = "NAME", description = "Decline NAME's friend request.")
    String friendDecline;

    @Option(names = "--friends", description = "Print your friends and friend requests, with presence.")
    boolean friends;

    @Option(names = "--notify", paramLabel = "TARGET=LEVEL",
            description = "Notifications for #channel, @user (DMs) or room (channels' default): all, mentions, nothing "
                    + "or default. Repeatable.")
    java.util.List<String> notifyLevels = new java.util.ArrayList<>();

    @Option(names = "--mute", paramLabel = "TARGET=DURATION",
            description = "Mute #channel, @user or room for 15m, 1h, 8h, 24h, 2d…, forever; off unmutes. Repeatable.")
    java.util.List<String> mutes = new java.util.ArrayList<>();

    @Option(names = "--notify-settings", description = "Print your notification settings in this room.")
    boolean notifySettings;

    @Option(names = "--unread", description = "Print your unread messages per conversation (\"1000+\" where the room stopped counting).")
    boolean unread;

    @Option(names = "--until-quiet", paramLabel = "S",
            description = "Leave once someone was heard and then nobody for S seconds (within --seconds, default 60).")
    Double untilQuiet;

    @Option(names = "--export", paramLabel = "FILE",
            description = "Export the --channel's chat (or --export-dm's) you may read and leave: FILE.json is JSON, "
                    + "FILE.md Markdown, FILE.html a page for the browser, any other name gets all three; "
                    + "the messages' files are saved in FILE_files/ beside it.")
    Path export;

    @Option(names = "--export-dm", paramLabel = "USER",
            description = "With --export or --search: your direct messages with this account (name or id) instead of a channel.")
    String exportDm;

    @Option(names = "--search", paramLabel = "TEXT",
            description = "Search the chat you may read for these words (\"quoted phrases\" too), print the matches and leave; "
                    + "narrowed to --channel or --export-dm when given.")
    String search;

    @Option(names = "--from", paramLabel = "USER",
            description = "With --search: only messages written by this account (name or id).")
    String searchFrom;

    @Option(names = "--after", paramLabel = "DAY",
            description = "With --search: only messages from this day on (YYYY-MM-DD, UTC).")
    java.time.LocalDate searchOnOrAfter;

    @Option(names = "--before", paramLabel = "DAY",
            description = "With --search: only messages up to the end of this day (YYYY-MM-DD, UTC).")
    java.time.LocalDate searchOnOrBefore;

    @Option(names = "--has-file", description = "With --search: only messages with a file attached.")
    boolean searchHasFile;

    @Option(names = "--no-files", description = "With --export: leave the messages' files out (the export still names them).")
    boolean exportWithoutFiles;

    // Files (issue 13). With any of these the CLI does the file work and leaves, without voice.
    @Option(names = "--send-file", paramLabel = "PATH",
            description = "Send this file into the --channel (or the lobby), or to --to's direct messages, and leave.")
    Path sendFile;

    @Option(names = "--caption", paramLabel = "TEXT", description = "Text to go with --send-file.")
    String caption;

    @Option(names = "--to", paramLabel = "USER",
            description = "With --send-file or --files: the direct messages with this account (name or id) instead of a channel.")
    String toUser;

    @Option(names = "--files", description = "List the files among the last 100 messages of the channel (or --to) and leave.")
    boolean listFiles;

    @Option(names = "--download", paramLabel = "MESSAGE_ID",
            description = "Save the file of this message (ids are shown by --files and --send-file) and leave.")
    Long download;

    @Option(names = "--save-to", paramLabel = "PATH",
            description = "Where --download saves: a file name, or a folder to save under the file's own name (default: here).")
    Path saveTo;

    /** Rooms already trusted stay trusted; a new one only by the flags. A changed certificate is always refused. */
    private ServerTrust serverTrust() {
        KnownServers known = knownServers == null ? KnownServers.userDefault() : KnownServers.at(knownServers);
        FingerprintDecision decision = FingerprintDecision.refuseUnknown();
        if (joinLink != null && joinLink.fingerprint() != null) {
            // As in the app: the link's certificate is the one trusted for this room, without asking.
            decision = FingerprintDecision.trustOnly(joinLink.fingerprint());
        } else if (trust != null && trust.fingerprint != null) {
            decision = FingerprintDecision.trustOnly(Fingerprint.parse(trust.fingerprint));
        } else if (trust != null && trust.onFirstUse) {
            decision = FingerprintDecision.trustOnFirstUse();
        }
        return new ServerTrust(known, decision);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new HeadlessClient()).execute(args));
    }

    /** The --link given, read; null without one. */
    private JoinLink joinLink;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (link != null) {
            try {
                joinLink = JoinLink.parse(link);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--link: " + e.getMessage());
            }
            host = joinLink.host();
            port = joinLink.port();
            if (channel == null && joinLink.hasChannel()) {
                channel = joinLink.channel();
            }
        }
        TransmitMode mode = transmitMode();
        try (ControlClient client = new ControlClient(
                trust != null && trust.plain ? ControlClient.plainAddress(host, port) : ControlClient.address(host, port),
                ClientConfig.defaults().withClientName("parley-cli/0.1"), serverTrust())) {
            client.on(Session.RoomClosing.class, closing -> {
                out.println("Room: " + closing.message() + (closing.restart() ? " Reconnecting when it is back." : ""));
                out.flush();
            });
            Session.AuthOk auth = await(client.connect(credentials()));
            if (claimAdmin != null) {
                await(client.request(new dev.parley.protocol.control.message.Admin.Claim(claimAdmin),
                        dev.parley.protocol.control.message.Ok.class));
                out.println("You are now this room's admin.");
            }
            long channelId = joinChannel(client, auth);
            endToEnd(client, auth, out);
            friendActions(new FriendCommands(client, out));
            notifyActions(new NotifyCommands(client, out, System::currentTimeMillis));
            if (unread) {
                new UnreadList(out).print(auth);
            }
            if (export != null || search != null) {
                return chatErrands(client, auth, channelId, out);
            }
            if (sendFile != null || listFiles || download != null) {
                return new CliFiles(client, out, TIMEOUT_SECONDS, fileSealing(auth)).run(conversation(client, channelId),
                        sendFile, caption, listFiles, download, saveTo);
            }
            AudioInput input = play == null ? new NullAudioInput()
                    : WavFileInput.open(play, WavFileInput.Pacing.REAL_TIME, loop);
            AudioOutput output = record == null ? new NullAudioOutput() : WavFileOutput.create(record);
            VoiceSettings settings = VoiceSettings.defaults().withTransmitMode(mode)
                    .withProcessing(processing ? AudioProcessingSettings.allEnabled() : AudioProcessingSettings.allDisabled());
            try (VoiceEngine engine = new VoiceEngine(client, input, output, settings)) {
                engine.setPushToTalk(true);
                // Before the microphone opens: not one frame may leave unsealed for an encrypted channel.
                ChannelKey key = encryption(engine, out);
                if (e2eCommands != null && joined != null && joined.endToEnd() && joined.e2e().shared()) {
                    e2eCommands.followRotations(joined.id(), joined.e2e().epoch(), engine);
                }
                int sessionId = await(engine.start());
                out.printf("Signed in as %s, in channel %d, voice session %d%n", auth.self().name(), channelId, sessionId);
                out.flush();
                announceWhispers(client, auth, out);
                whisper(auth, engine, out);
                // Before ringing: a call answered at once is recorded from its start.
                CallDesk desk = new CallDesk(client);
                java.util.function.IntFunction<String> others = speakerNames(client, auth, engine);
                // The room never names my own session to me; my own talk is in my recordings too.
                java.util.function.IntFunction<String> speakerNames = session -> session == sessionId
                        ? auth.self().name() : others.apply(session);
                CallRecordingCli callRecording = new CallRecordingCli(client, engine, desk, auth.self().id(), recordCall,
                        speakerNames, out);
                CallDesk calls = calls(desk, auth, engine, out);
                if (say != null) {
                    if (joined != null && joined.endToEnd() && key == null) {
                        throw new CommandLine.ParameterException(spec.commandLine(),
                                joined.e2e().shared() ? "--say: the channel is end-to-end encrypted and this account was not given its key"
                                        : "--say: the channel is end-to-end encrypted; give its --passphrase");
                    }
                    String text = key == null ? say : SealedText.seal(key, auth.self().id(), say);
                    await(client.sendMessage(Conversation.channel(channelId), text, null).delivered());
                }
                dev.parley.client.core.record.ChannelRecording recording = recordChannel == null ? null
                        : await(dev.parley.client.core.record.ChannelRecording.start(client, engine, recordChannel,
                                speakerNames));
                if (recording != null) {
                    out.printf("Recording channel %d into %s%n", channelId, recordChannel);
                    out.flush();
                }
                runUntilDone(engine);
                callRecording.close();
                calls.current().ifPresent(call -> calls.hangup());
                if (recording != null) {
                    java.util.List<Path> files = recording.stop();
                    out.printf("Recorded %d file%s:%n", files.size(), files.size() == 1 ? "" : "s");
                    files.forEach(file -> out.println("  " + file));
                }
                printSummary(out, engine);
            }
        } catch (ExecutionException e) {
            spec.commandLine().getErr().println("parley cli: " + e.getCause().getMessage());
            return 1;
        }
        return 0;
    }

    /** --export and --search: no voice, just the errand. */
    private int chatErrands(ControlClient client, Session.AuthOk auth, long channelId, PrintWriter out) throws Exception {
        ChatTasks tasks = new ChatTasks(client, auth, out);
        Conversation conversation;
        String title;
        try {
            conversation = exportDm != null ? tasks.direct(exportDm) : Conversation.channel(channelId);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        title = exportDm != null ? "Direct messages with " + exportDm : "#" + (channel != null ? channel : "channel " + channelId);
        // An end-to-end encrypted channel is read on this client: opened with --passphrase's key, if given.
        boolean sealed = exportDm == null && joined != null && joined.endToEnd();
        java.util.Map<Integer, ChannelKey> keys = sealed ? channelKeys : java.util.Map.of();
        java.util.function.UnaryOperator<dev.parley.protocol.control.model.ChatMessage> reader = !sealed
                ? java.util.function.UnaryOperator.identity()
                : dev.parley.client.core.e2e.SealedMessages.reader(keys);
        ChatTasks.SearchFilters filters = new ChatTasks.SearchFilters(searchFrom, searchOnOrAfter, searchOnOrBefore,
                searchHasFile);
        if (search != null) {
            try {
                if (sealed && channel != null) {
                    tasks.searchSealed(search, (Conversation.Channel) conversation, filters, keys, 50);
                } else {
                    tasks.search(search, exportDm != null || channel != null ? conversation : null, filters, 50);
                }
            } catch (IllegalArgumentException | dev.parley.protocol.control.ProtocolException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (export != null) {
            try {
                tasks.export(conversation, title, export, !exportWithoutFiles, reader);
            } catch (dev.parley.client.core.export.ExportException e) {
                spec.commandLine().getErr().println("parley cli: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private void friendActions(FriendCommands commands) throws ExecutionException {
        if (friendRequest != null) {
            commands.request(friendRequest);
        }
        if (friendAccept != null) {
            commands.accept(friendAccept);
        }
        if (friendDecline != null) {
            commands.decline(friendDecline);
        }
        if (friends) {
            commands.list();
        }
    }

    /** --notify, --mute, --notify-settings, in that order. */
    private void notifyActions(NotifyCommands commands) throws ExecutionException {
        try {
            for (String level : notifyLevels) {
                commands.level(level);
            }
            for (String mute : mutes) {
                commands.mute(mute);
            }
            if (notifySettings) {
                commands.list();
            }
        } catch (IllegalArgumentException e) {
            throw new ExecutionException(e);
        }
    }

    /** The channel joined, or the DMs with --to (found by id, or by name among the room's members). */
    private Conversation conversation(ControlClient client, long channelId) throws Exception {
        if (toUser == null) {
            return Conversation.channel(channelId);
        }
        if (toUser.chars().allMatch(Character::isDigit)) {
            return Conversation.direct(Long.parseLong(toUser));
        }
        return Conversation.direct(MemberLookup.find(client, toUser).orElseThrow(
                () -> new CommandLine.ParameterException(spec.commandLine(), "no account '" + toUser + "'")).id());
    }

    private TransmitMode transmitMode() {
        String wanted = transmit != null ? transmit : play != null ? "always" : "vad";
        return switch (wanted.toLowerCase(Locale.ROOT)) {
            case "always" -> TransmitMode.ALWAYS_ON;
            case "vad" -> TransmitMode.VOICE_ACTIVITY;
            case "ptt" -> TransmitMode.PUSH_TO_TALK;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--transmit must be always, vad or ptt, not " + wanted);
        };
    }

    private Credentials credentials() {
        if (identity.guest != null) {
            return new Credentials.Guest(identity.guest, serverPassword);
        }
        Account account = identity.account;
        String invite = joinLink == null ? null : joinLink.invite();
        return account.register || invite != null
                ? new Credentials.Register(account.user, account.password, serverPassword, invite)
                : new Credentials.Login(account.user, account.password);
    }

    private long joinChannel(ControlClient client, Session.AuthOk auth) throws Exception {
        if (channel == null) {
            joined = auth.channels().stream().filter(c -> c.id() == auth.channelId()).findFirst().orElse(null);
            return auth.channelId();
        }
        // auth.ok carries the first page of channels only; ask for more pages until the channel turns up.
        java.util.List<ChannelInfo> page = auth.channels();
        boolean more = auth.moreChannels();
        java.util.OptionalLong found = named(page);
        while (found.isEmpty() && more && !page.isEmpty()) {
            dev.parley.protocol.control.message.Directory.ChannelPage next = await(client.request(
                    new dev.parley.protocol.control.message.Directory.ListChannels(page.get(page.size() - 1).id(), null),
                    dev.parley.protocol.control.message.Directory.ChannelPage.class));
            page = next.channels();
            more = next.hasMore();
            found = named(page);
        }
        long id = found.orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "no channel '" + channel + "'"));
        joined = page.stream().filter(c -> c.id() == id).findFirst().orElse(null);
        if (id != auth.channelId()) {
            await(client.requestOk(new Channels.Join(id, null)));
        }
        return id;
    }

    private java.util.OptionalLong named(java.util.List<ChannelInfo> channels) {
        return named(channels, channel);
    }

    private static java.util.OptionalLong named(java.util.List<ChannelInfo> channels, String wanted) {
        return channels.stream()
                .filter(c -> c.name().equalsIgnoreCase(wanted) || String.valueOf(c.id()).equals(wanted))
                .mapToLong(ChannelInfo::id).findFirst();
    }

    /** How files are sealed in the joined channel: null when it is not end-to-end encrypted. */
    private CliFiles.Sealing fileSealing(Session.AuthOk auth) throws java.io.IOException {
        if (joined == null || !joined.endToEnd()) {
            return null;
        }
        // Sealed copies wait in the system's temporary folder, private to this user, and are deleted after.
        return new CliFiles.Sealing(joined.id(), channelKeys, joined.e2e().epoch(), auth.self().id(),
                java.nio.file.Files.createTempDirectory("parley-sealed-"));
    }

    /**
     * In an end-to-end encrypted channel: derives its key from --passphrase and gives it to the engine, or
     * without one tells the engine to send and play nothing there. Returns the key, null without one.
     */
    private ChannelKey encryption(VoiceEngine engine, PrintWriter out) {
        if (joined == null || !joined.endToEnd()) {
            return null;
        }
        ChannelKey key = channelKeys.get(joined.e2e().epoch());
        engine.setChannelEncryption(true, key);
        if (key == null && joined.e2e().shared()) {
            out.printf("Channel %s is end-to-end encrypted with a shared key this account was not given; this client"
                    + " sends and plays nothing there%n", joined.name());
        } else if (key == null) {
            out.printf("Channel %s is end-to-end encrypted; without its --passphrase this client sends and plays"
                    + " nothing there%n", joined.name());
        } else {
            out.printf("Channel %s is end-to-end encrypted (key epoch %d); verification code %s%n", joined.name(),
                    key.epoch(), key.verificationCode());
        }
        out.flush();
        return key;
    }

    /**
     * The identity key and shared keys: publishes this account's identity when anything here needs it,
     * gives the channel a new shared key with --encrypt-for, prints --safety-number, and collects the keys
     * of the joined encrypted channel this client can hold.
     */
    private void endToEnd(ControlClient client, Session.AuthOk auth, PrintWriter out) throws Exception {
        boolean sharedChannel = joined != null && joined.endToEnd() && joined.e2e().shared();
        boolean asked = publishIdentity || encryptFor != null || safetyNumbers != null;
        if (asked && identity.guest != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--publish-identity, --encrypt-for and --safety-number are for accounts: a guest has no identity key");
        }
        if ((asked || sharedChannel) && identity.guest == null) {
            E2eCommands commands = e2eCommands = new E2eCommands(client, auth, new dev.parley.client.core.e2e.IdentityStore(
                    identities != null ? identities : dev.parley.client.core.ClientDirs.userDataDir().resolve("identities")),
                    out);
            commands.publish();
            if (encryptFor != null) {
                if (joined == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--encrypt-for: join a channel with --channel");
                }
                try {
                    joined = commands.encryptFor(joined, encryptFor);
                } catch (ExecutionException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--encrypt-for: " + e.getCause().getMessage());
                }
            }
            for (String name : safetyNumbers == null ? java.util.List.<String>of() : safetyNumbers) {
                commands.safetyNumber(name);
            }
            if (joined != null && joined.endToEnd() && joined.e2e().shared()) {
                java.util.Map<Integer, ChannelKey> held = new java.util.TreeMap<>();
                commands.keys(joined).forEach((epoch, received) -> held.put(epoch, received.key()));
                channelKeys = held;
            }
        }
        if (joined != null && joined.endToEnd() && !joined.e2e().shared() && passphrase != null && !passphrase.isEmpty()) {
            channelKeys = java.util.Map.of(joined.e2e().epoch(),
                    ChannelKey.derive(joined.id(), joined.e2e(), passphrase.toCharArray()));
        }
    }

    /**
     * With --whisper-to or --shout-to, registers whisper target 1 and holds the whisper key for the whole
     * run, so everything this client says goes there. Users are found among those online (or by id).
     */
    private void whisper(Session.AuthOk auth, VoiceEngine engine, PrintWriter out)
            throws Exception {
        if (whisperTo == null && shoutTo == null) {
            return;
        }
        java.util.List<Long> users = new java.util.ArrayList<>();
        for (String wanted : whisperTo == null ? java.util.List.<String>of() : whisperTo) {
            users.add(auth.users().stream()
                    .filter(u -> u.user().name().equalsIgnoreCase(wanted) || String.valueOf(u.id()).equals(wanted))
                    .map(dev.parley.protocol.control.model.UserState::id).findFirst()
                    .or(() -> wanted.chars().allMatch(Character::isDigit) ? java.util.Optional.of(Long.parseLong(wanted))
                            : java.util.Optional.empty())
                    .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                            "--whisper-to: nobody called '" + wanted + "' is online")));
        }
        Long shoutChannel = null;
        if (shoutTo != null) {
            shoutChannel = named(auth.channels(), shoutTo).stream().boxed().findFirst()
                    .or(() -> shoutTo.chars().allMatch(Character::isDigit) ? java.util.Optional.of(Long.parseLong(shoutTo))
                            : java.util.Optional.empty())
                    .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                            "--shout-to: no channel '" + shoutTo + "'"));
        }
        await(engine.setWhisperTarget(1, users, shoutChannel, true));
        engine.setWhisper(1, true);
        if (whisperTo != null) {
            out.printf("Whispering to %s%n", String.join(", ", whisperTo));
        }
        if (shoutChannel != null) {
            out.printf("Shouting to channel %s and its sub-channels%n", shoutTo);
        }
        out.flush();
    }

    /**
     * Follows this client's calls: prints every step, talks to the call while one is active (to the channel
     * otherwise), answers with --answer, and with --call rings that user and waits until they answer.
     */
    private CallDesk calls(CallDesk desk, Session.AuthOk auth, VoiceEngine engine, PrintWriter out)
            throws Exception {
        desk.onChange(call -> {
            engine.setTalkToCall(call.active() || (callUser != null && !call.ended()));
            out.printf("Call with %s: %s%s%n", call.peer().name(), call.state().wire(),
                    call.reason() == null ? "" : " (" + call.reason().wire() + ")");
            out.flush();
            if (answerCalls && call.state() == dev.parley.protocol.control.model.CallState.INCOMING) {
                desk.accept();
            }
        });
        if (callUser == null) {
            return desk;
        }
        long userId = auth.users().stream()
                .filter(u -> u.user().name().equalsIgnoreCase(callUser) || String.valueOf(u.id()).equals(callUser))
                .map(dev.parley.protocol.control.model.UserState::id).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                        "--call: nobody called '" + callUser + "' is online"));
        engine.setTalkToCall(true);
        java.util.concurrent.CompletableFuture<CallDesk.CurrentCall> answered = new java.util.concurrent.CompletableFuture<>();
        try (var settled = desk.onChange(call -> {
            if (call.active() || call.ended()) {
                answered.complete(call);
            }
        })) {
            await(desk.ring(userId));
            // The room gives up after its ring timeout (30 s) and says so; this only bounds the wait.
            answered.get(CALL_ANSWER_SECONDS, TimeUnit.SECONDS);
        }
        return desk;
    }

    /** Prints who whispers to this client (talk to the channel is not announced). */
    private static void announceWhispers(ControlClient client, Session.AuthOk auth, PrintWriter out) {
        Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        auth.users().forEach(user -> names.put(user.id(), user.user().name()));
        client.on(dev.parley.protocol.control.message.Users.StateChanged.class,
                changed -> names.put(changed.user().id(), changed.user().user().name()));
        client.on(dev.parley.protocol.control.message.Voice.Talking.class, talking -> {
            if (talking.whispered() && talking.talking() && talking.userId() != auth.self().id()) {
                out.printf("%s whispers to you%n", names.getOrDefault(talking.userId(), "user " + talking.userId()));
                out.flush();
            }
        });
    }

    /** Names voice sessions for recorded files: the talking events say whose session it is, the room whose name. */
    private static java.util.function.IntFunction<String> speakerNames(ControlClient client, Session.AuthOk auth,
            VoiceEngine engine) {
        Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        auth.users().forEach(user -> names.put(user.id(), user.user().name()));
        client.on(dev.parley.protocol.control.message.Users.StateChanged.class,
                changed -> names.put(changed.user().id(), changed.user().user().name()));
        return sessionId -> engine.userOf(sessionId).map(names::get).orElse(null);
    }

    private void runUntilDone(VoiceEngine engine) throws InterruptedException {
        long start = System.nanoTime();
        if (untilQuiet != null) {
            long deadline = start + (long) ((seconds != null ? seconds : 60) * 1e9);
            long quietNanos = (long) (untilQuiet * 1e9);
            long lastHeard = 0;
            while (System.nanoTime() < deadline) {
                if (!engine.talkingSessions().isEmpty()) {
                    lastHeard = System.nanoTime();
                } else if (lastHeard != 0 && System.nanoTime() - lastHeard >= quietNanos) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } else if (seconds != null) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + (long) (seconds * 1e9) - System.nanoTime()));
        } else if (play != null && !loop) {
            while (engine.isCapturing()) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            TimeUnit.MILLISECONDS.sleep(TAIL_MILLIS);
        } else {
            TimeUnit.SECONDS.sleep(10);
        }
    }

    private static void printSummary(PrintWriter out, VoiceEngine engine) {
        TransportStats link = engine.transportStats().orElse(null);
        if (link == null) {
            out.println("Voice: not connected at the end");
        } else {
            // The window shows how the link is now, the total what the whole run went through.
            out.printf(Locale.ROOT, "Voice: path %s (%d switches), frames sent %d (%d through the tunnel), "
                            + "frames received %d%n", link.path(), link.pathSwitches(), link.audioSent(),
                    link.audioTunnelled(), link.audioReceived());
            out.printf(Locale.ROOT, "Link last 10 s: %s; whole run: %s%n", figures(link.window()), figures(link.total()));
        }
        OutputHealth playback = engine.outputHealth();
        out.printf(Locale.ROOT, "Playback: %d chunks played on %s, %d underruns, %d chunks refilled, %d device re-opens, "
                        + "cushion %d ms%n", engine.chunksPlayed(), playback.device().isEmpty() ? "no device" : playback.device(),
                playback.underruns(), playback.refillChunks(), playback.reopens(), playback.cushionMillis());
        InputHealth capture = engine.inputHealth();
        out.printf(Locale.ROOT, "Capture: on %s, %d device re-opens, %d ms discarded (fell behind the device)%n",
                capture.device().isEmpty() ? "no device" : capture.device(), capture.reopens(),
                capture.discardedMillis());
        for (Map.Entry<Integer, ReceiveStats> speaker : engine.speakerStats().entrySet()) {
            ReceiveStats stats = speaker.getValue();
            out.printf(Locale.ROOT, "Heard session %d%s: %d frames decoded, %d recovered by FEC, %d concealed, "
                            + "%d late-dropped, %d catch-up-dropped, %d never arrived; %d expanded, %d accelerated, "
                            + "%d stretched (%.1f%% real data)%n", speaker.getKey(),
                    engine.userOf(speaker.getKey()).map(user -> " (user " + user + ")").orElse(""),
                    stats.decodedFrames(), stats.fecFrames(), stats.concealedFrames(), stats.lateDropped(),
                    stats.catchUpDropped(), stats.neverArrived(), stats.expandedFrames(), stats.accelerations(),
                    stats.stretches(), 100 * stats.realDataRatio());
        }
        out.flush();
    }

    private static String figures(LinkFigures figures) {
        return String.format(Locale.ROOT, "rtt %.1f ms, loss up %.1f%% down %.1f%%, jitter %.1f ms",
                Math.max(0, figures.rttMs()), figures.upstreamLossPercent(), figures.downstreamLossPercent(),
                figures.jitterMs());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(new TimeoutException("the room did not answer in time"));
        }
    }
}
