package dev.parley.client.ui.e2e;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.e2e.IdentityStore;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.room.RoomChange;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.chat.ChatSealing;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.e2e.ChannelKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end encrypted channels in the window: which channels are encrypted (and at which key epoch), the
 * keys I gave passphrases for or was given in shared-key channels, when to ask for a passphrase or fetch my
 * shared keys (I am in, or read, an encrypted channel whose current key I lack), deriving keys off the UI
 * thread, the members' summary of shared-key channels, and turning a channel encrypted or to a new key.
 * Properties and state are UI thread only; the room is read on the client's event thread.
 */
public final class EncryptionViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EncryptionViewModel.class);
    public static final String MARK_TOOLTIP = "End-to-end encrypted: the room cannot read this channel";

    private final ControlClient client;
    private final RoomState room;
    private final UiThread ui;
    private final Executor derivation;
    private final ChannelKeys keys = new ChannelKeys();
    private final StringProperty notice;
    private final ObjectProperty<Conversation> openChat;
    private final EncryptedChat chat;
    private final EncryptedFiles files;
    /** Bumped whenever what is shown may change: a key arrived, a channel became encrypted or got a new epoch. */
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final ObjectProperty<Long> myChannel = new SimpleObjectProperty<>(0L);
    private final java.util.List<Subscription> subscriptions = new java.util.ArrayList<>();
    // UI thread only from here on.
    private final Map<Long, ChannelInfo> encrypted = new HashMap<>();
    /** (channel, epoch) the user dismissed the passphrase dialog for: not asked again unless they ask. */
    private final Set<String> declined = new HashSet<>();
    /** The (channel, epoch) whose dialog is open: one dialog at a time. */
    private String asking;
    private Consumer<ChannelInfo> asker = channel -> { };
    private final java.util.List<Runnable> onChange = new java.util.ArrayList<>();
    /** Shared-key channels: my identity, the keys I was given, members' verification. */
    private final SharedKeyring shared;
    /**
     * (channel, epoch) of shared-key channels whose keys are being fetched (one fetch at a time each), and whether
     * to say so in the notice line when I was not given the current key.
     */
    private final Map<String, Boolean> fetching = new HashMap<>();
    /** "3 members · 1 unverified" per shared-key channel, as last worked out. */
    private final Map<Long, String> summaries = new HashMap<>();

    /**
     * @param derivation where keys are derived (slow on purpose): never the UI thread
     * @param notice     where refusals are said (the tree's notice line)
     * @param openChat   the conversation the chat shows: reading an encrypted channel asks for its passphrase
     *                   (or, in a shared-key channel, fetches the keys I was given)
     * @param identities where this desktop's identity keys and the keys its user verified are kept
     */
    public EncryptionViewModel(ControlClient client, RoomState room, UiThread ui, Executor derivation,
                               StringProperty notice, ObjectProperty<Conversation> openChat, IdentityStore identities) {
        this.client = client;
        this.room = room;
        this.ui = ui;
        this.derivation = derivation;
        this.notice = notice;
        this.openChat = openChat;
        this.shared = new SharedKeyring(client, room, identities, derivation, keys);
        this.chat = new EncryptedChat(id -> Optional.ofNullable(encrypted.get(id)), keys,
                id -> Optional.ofNullable(encrypted.get(id)).ifPresent(channel -> ask(channel, false)));
        this.files = new EncryptedFiles(id -> Optional.ofNullable(encrypted.get(id)), keys,
                id -> Optional.ofNullable(encrypted.get(id)).ifPresent(channel -> ask(channel, false)));
        openChat.addListener((obs, old, now) -> {
            if (now instanceof Conversation.Channel channel) {
                askIfLocked(channel.channelId());
            }
        });
        client.eventLoop().executeIfRunning(() -> {
            subscriptions.add(room.onChange(this::roomChanged));
            publish();
        });
    }

    /** The keys given this session (voice reads them too). */
    public ChannelKeys keys() {
        return keys;
    }

    /** Seals and opens chat text; hand it to the chat. */
    public ChatSealing chatSealing() {
        return chat;
    }

    /** Seals files sent and opens files read; hand it to the chat's files. */
    public dev.parley.client.ui.files.FileSealing fileSealing() {
        return files;
    }

    /** Bumped when locks, keys or epochs change: marks and chat lines are drawn again. */
    public IntegerProperty revisionProperty() {
        return revision;
    }

    /** Runs {@code then} (UI thread) whenever {@link #revisionProperty()} moves: chat re-opens its lines. */
    public void onChange(Runnable then) {
        onChange.add(then);
    }

    /** Who shows the passphrase dialog (the window); it calls {@link #unlock} or {@link #dismissed}. */
    public void setAsker(Consumer<ChannelInfo> value) {
        asker = value;
    }

    public boolean isEncrypted(long channelId) {
        return encrypted.containsKey(channelId);
    }

    public Optional<ChannelInfo> encryptedChannel(long channelId) {
        return Optional.ofNullable(encrypted.get(channelId));
    }

    /** The key that seals for the channel now, if I gave its current passphrase. */
    public Optional<ChannelKey> currentKey(long channelId) {
        return encryptedChannel(channelId).flatMap(keys::current);
    }

    /**
     * The tooltip of a channel's lock: what it means, and my verification code for its current key (or that I
     * have not given the passphrase yet).
     */
    public String describe(long channelId) {
        Optional<ChannelInfo> channel = encryptedChannel(channelId);
        if (channel.isEmpty()) {
            return "";
        }
        if (channel.get().e2e().shared()) {
            return MARK_TOOLTIP + "\nShared key, given to each member" + Optional.ofNullable(summaries.get(channelId))
                    .map(summary -> ": " + summary).orElse("") + "\n" + currentKey(channelId)
                    .map(key -> "Key " + key.epoch() + ", your verification code: " + key.verificationCode())
                    .orElse(SharedMembers.NOT_GIVEN);
        }
        return MARK_TOOLTIP + "\nPassphrase" + "\n" + currentKey(channelId)
                .map(key -> "Key " + key.epoch() + ", your verification code: " + key.verificationCode())
                .orElse("Key " + channel.get().e2e().epoch() + ": you have not entered its passphrase yet.");
    }

    /**
     * What the lock in the chat header reads: the lock alone for a passphrase channel; with a shared key, the
     * members' summary ("🔒 3 members · 1 unverified").
     */
    public String headerText(long channelId) {
        return encryptedChannel(channelId).filter(channel -> channel.e2e().shared())
                .map(channel -> Optional.ofNullable(summaries.get(channelId)).map(summary -> "🔒 " + summary)
                        .orElse("🔒 shared key"))
                .orElse("🔒");
    }

    /** The user asked to enter the passphrase (a menu, the chat header): asked even if dismissed before. */
    public void askForPassphrase(long channelId) {
        encryptedChannel(channelId).ifPresent(channel -> ask(channel, true));
    }

    /**
     * Derives the key of {@code channel}'s current epoch from {@code passphrase} off the UI thread, keeps it
     * for this session and completes (on the UI thread) with it. The passphrase array is wiped afterwards.
     */
    public CompletableFuture<ChannelKey> unlock(ChannelInfo channel, char[] passphrase) {
        CompletableFuture<ChannelKey> derived = new CompletableFuture<>();
        if (passphrase.length == 0) {
            derived.completeExceptionally(new IllegalArgumentException("Type the passphrase first."));
            return derived;
        }
        derivation.execute(() -> {
            try {
                ChannelKey key = ChannelKey.derive(channel.id(), channel.e2e(), passphrase);
                keys.put(key);
                ui.run(() -> {
                    log.info("Key for channel {} epoch {} entered", channel.id(), key.epoch());
                    declined.remove(slot(channel));
                    changed();
                    derived.complete(key);
                });
            } catch (RuntimeException e) {
                ui.run(() -> derived.completeExceptionally(e));
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        });
        return derived;
    }

    /** The passphrase dialog for {@code channel} closed; {@code entered} false when the user cancelled it. */
    public void dismissed(ChannelInfo channel, boolean entered) {
        if (slot(channel).equals(asking)) {
            asking = null;
        }
        if (!entered) {
            declined.add(slot(channel));
        }
    }

    /** UI thread, right before joining {@code channel}: asks for its passphrase when I lack its key. */
    public void joining(long channelId) {
        askIfLocked(channelId);
    }

    /**
     * Makes the channel end-to-end encrypted, or moves it to a new key; members then need the (new) passphrase.
     * A refusal (no right to manage it) is said in the notice line.
     */
    public CompletableFuture<?> rekey(long channelId) {
        notice.set("");
        return client.requestOk(new Channels.Rekey(channelId)).whenComplete((ok, failure) -> ui.run(() -> {
            if (failure != null) {
                notice.set("Encryption not changed: " + Failures.sentence(failure));
            }
        }));
    }

    private void askIfLocked(long channelId) {
        encryptedChannel(channelId).filter(channel -> keys.current(channel).isEmpty())
                .ifPresent(channel -> ask(channel, false));
    }

    private void ask(ChannelInfo channel, boolean explicit) {
        if (channel.e2e().shared()) {
            fetchShared(channel, true); // no passphrase: the key is fetched, or I am told I was not given it
            return;
        }
        String slot = slot(channel);
        if (asking != null || !explicit && (declined.contains(slot) || keys.current(channel).isPresent())) {
            return; // one dialog at a time; not asked again by itself once dismissed or answered
        }
        asking = slot;
        asker.accept(channel);
    }

    /**
     * Fetches the keys I was given for a shared-key channel when I lack its current one, and works out its
     * members' summary; {@code tell} says in the notice line when I was not given the current key.
     */
    private void fetchShared(ChannelInfo channel, boolean tell) {
        String slot = slot(channel);
        if (fetching.containsKey(slot)) {
            fetching.put(slot, fetching.get(slot) || tell);
            return;
        }
        fetching.put(slot, tell);
        CompletableFuture<Void> fetched = keys.current(channel).isPresent()
                ? CompletableFuture.completedFuture(null) : shared.fetch(channel.id());
        fetched.whenComplete((ok, failure) -> ui.run(() -> {
            boolean told = Boolean.TRUE.equals(fetching.remove(slot));
            if (failure != null) {
                log.warn("Keys of channel {} not fetched: {}", channel.id(), failure.getMessage());
            }
            Optional<ChannelInfo> now = encryptedChannel(channel.id());
            if (told && now.isPresent() && now.get().e2e().shared() && keys.current(now.get()).isEmpty()) {
                notice.set("#" + channel.name() + ": " + (failure != null ? Failures.sentence(failure)
                        : SharedMembers.NOT_GIVEN));
            }
            changed();
        }));
        members(channel, id -> "");
    }

    /**
     * The members of {@code channel}'s current epoch, where their keys stand and our safety numbers; completes on
     * the UI thread, and keeps the channel's summary for its marks.
     */
    CompletableFuture<List<SharedMembers.Member>> members(ChannelInfo channel, java.util.function.LongFunction<String> names) {
        CompletableFuture<List<SharedMembers.Member>> shown = new CompletableFuture<>();
        shared.members(channel, names).whenComplete((rows, failure) -> ui.run(() -> {
            if (failure != null) {
                shown.completeExceptionally(failure);
                return;
            }
            if (channel.endToEnd() && channel.e2e().shared()) {
                String summary = SharedMembers.summary(rows);
                if (!summary.equals(summaries.put(channel.id(), summary))) {
                    changed();
                }
            }
            shown.complete(rows);
        }));
        return shown;
    }

    /** The keyring behind shared-key channels, for the Members & keys dialog's model. */
    SharedKeyring keyring() {
        return shared;
    }

    /** Completes {@code work} on the UI thread. */
    <T> CompletableFuture<T> onUi(CompletableFuture<T> work) {
        CompletableFuture<T> shown = new CompletableFuture<>();
        work.whenComplete((value, failure) -> ui.run(() -> {
            if (failure != null) {
                shown.completeExceptionally(failure);
            } else {
                shown.complete(value);
            }
        }));
        return shown;
    }

    /** A new shared key was made here: everything drawn with the old one is drawn again. */
    void keysChangedHere() {
        changed();
    }

    private static String slot(ChannelInfo channel) {
        return channel.id() + "@" + channel.e2e().epoch();
    }

    private void changed() {
        revision.set(revision.get() + 1);
        onChange.forEach(Runnable::run);
    }

    // ---- event thread ---------------------------------------------------------------------------

    private void roomChanged(RoomChange change) {
        if (change instanceof RoomChange.Reset || change instanceof RoomChange.ChannelChanged
                || change instanceof RoomChange.UserChanged) {
            publish();
        }
    }

    private void publish() {
        if (!room.ready()) {
            return;
        }
        List<ChannelInfo> now = room.channels().stream().filter(ChannelInfo::endToEnd).toList();
        long mine = room.myChannelId();
        ui.run(() -> published(now, mine));
    }

    /** UI thread: the room's encrypted channels and my channel, as the event thread last saw them. */
    private void published(List<ChannelInfo> now, long mine) {
        Map<Long, ChannelInfo> next = new HashMap<>();
        now.forEach(channel -> next.put(channel.id(), channel));
        boolean different = !next.equals(encrypted);
        Map<Long, ChannelInfo> previous = new HashMap<>(encrypted);
        encrypted.clear();
        encrypted.putAll(next);
        long before = myChannel.get();
        myChannel.set(mine);
        if (different) {
            changed();
            // A shared-key channel that is new or changed (a new epoch, other members): fetch my keys, sum it up.
            next.values().stream().filter(channel -> channel.e2e().shared() && !channel.equals(previous.get(channel.id())))
                    .forEach(channel -> fetchShared(channel, false));
        }
        if (different || before != mine) {
            // In an encrypted channel, or reading one, whose current key I lack (entered, moved in, a new epoch).
            askIfLocked(mine);
            if (openChat.get() instanceof Conversation.Channel open && open.channelId() != mine) {
                askIfLocked(open.channelId());
            }
        }
    }

    @Override
    public void close() {
        shared.close();
        client.eventLoop().executeIfRunning(() -> subscriptions.forEach(Subscription::close));
    }
}
