package dev.parley.client.core.notify;

import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.message.Notify;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.NotifyLevel;
import dev.parley.protocol.control.model.Role;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * My notification settings in one room: fetched from the room at every sign-in ({@code notify.list}),
 * changed through it ({@code notify.set}), and for a guest, whom the room refuses, kept here for the
 * session only. Decides whether a message should notify, by {@link NotifySettings} at the injected
 * clock's time, so a mute ends by itself when its time comes.
 *
 * <p>Thread-safe: the settings are an immutable snapshot behind an atomic reference. Listeners run on
 * the thread that made the change: the client event thread for the room's answers, the caller's for a
 * change made here; a UI hands them to its own thread.
 */
public final class RoomNotifySettings implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomNotifySettings.class);

    private final ControlClient client;
    private final LongSupplier clock;
    private final AtomicReference<NotifySettings> current = new AtomicReference<>(NotifySettings.DEFAULTS);
    private final Listeners<NotifySettings> listeners = new Listeners<>();
    private final Subscription signedIn;
    private volatile boolean guest;

    /** @param clock epoch milliseconds now (tests move it by hand) */
    public RoomNotifySettings(ControlClient client, LongSupplier clock) {
        this.client = client;
        this.clock = clock;
        this.signedIn = client.onSignedIn(auth -> refresh(auth.self().role() == Role.GUEST));
    }

    /**
     * Fetches the settings from the room (a guest keeps what it chose here). Called at each sign-in, and
     * once by whoever creates this after the session had already signed in.
     */
    public CompletableFuture<NotifySettings> refresh(boolean guestSession) {
        guest = guestSession;
        if (guestSession) {
            return CompletableFuture.completedFuture(current.get());
        }
        return client.request(new Notify.ListSettings(), Notify.Settings.class)
                .thenApply(reply -> replace(NotifySettings.of(reply.settings())))
                .whenComplete((settings, error) -> {
                    if (error != null) {
                        log.warn("Could not load notification settings: {}", error.toString());
                    }
                });
    }

    public NotifySettings current() {
        return current.get();
    }

    /** Epoch milliseconds by this object's clock. */
    public long now() {
        return clock.getAsLong();
    }

    /** Called with the new settings after each change. */
    public Subscription onChanged(Consumer<? super NotifySettings> listener) {
        return listeners.add(listener);
    }

    /**
     * Sets {@code conversation}'s level and mute (null conversation: the room default), at once here and
     * then in the room; the room's answer replaces the local copy. If the room refuses, the settings go
     * back to what they were and the future fails with the reason.
     */
    public CompletableFuture<NotifySettings> set(Conversation conversation, NotifyLevel level, Long mutedUntil) {
        Notify.Entry entry = NotifySettings.entry(conversation, level, mutedUntil);
        NotifySettings before = current.get();
        NotifySettings changed = replace(before.with(entry));
        if (guest) {
            return CompletableFuture.completedFuture(changed);
        }
        return client.request(new Notify.Set(entry.channelId(), entry.userId(), level, mutedUntil), Notify.Settings.class)
                .handle((reply, error) -> {
                    if (error != null) {
                        if (current.compareAndSet(changed, before)) {
                            listeners.fire(before);
                        }
                        throw error instanceof RuntimeException runtime ? runtime
                                : new java.util.concurrent.CompletionException(error);
                    }
                    return replace(NotifySettings.of(reply.settings()));
                });
    }

    /** Sets {@code conversation}'s level, keeping its mute. */
    public CompletableFuture<NotifySettings> setLevel(Conversation conversation, NotifyLevel level) {
        Long muted = mutedUntil(conversation);
        return set(conversation, level, muted);
    }

    /** Mutes {@code conversation} until {@code until} ({@link Notify#FOREVER}: until unmuted; null: unmute), keeping its level. */
    public CompletableFuture<NotifySettings> mute(Conversation conversation, Long until) {
        return set(conversation, current.get().ownLevel(conversation).orElse(null), until);
    }

    /** Whether {@code message}, just arrived, should notify me: not my own, and as the settings say now. */
    public boolean shouldNotify(ChatMessage message, long selfId, boolean mentionsMe) {
        if (message.authorId() == selfId || message.deleted()) {
            return false;
        }
        return current.get().wants(Conversation.of(message, selfId), mentionsMe, clock.getAsLong());
    }

    private Long mutedUntil(Conversation conversation) {
        java.util.OptionalLong until = current.get().mutedUntil(conversation, clock.getAsLong());
        return until.isPresent() ? until.getAsLong() : null;
    }

    private NotifySettings replace(NotifySettings next) {
        NotifySettings previous = current.getAndSet(next);
        if (!previous.equals(next)) {
            listeners.fire(next);
        }
        return next;
    }

    @Override
    public void close() {
        signedIn.close();
    }
}
