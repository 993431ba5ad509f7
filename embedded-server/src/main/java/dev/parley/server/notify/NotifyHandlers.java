package dev.parley.server.notify;

import dev.parley.protocol.control.message.Notify;
import dev.parley.server.chat.ConversationAccess;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import java.time.Clock;
import java.util.List;

/**
 * {@code notify.set} and {@code notify.list}: each account's notification settings, kept in the room so
 * they follow it to another machine. A setting can only name a conversation the caller may read (the
 * rules of {@link ConversationAccess}), and a list shows only those the caller may still read, so it
 * never reveals a channel that was hidden from them since. Guests are refused: the app keeps a guest's
 * choices for its session only. Room thread only.
 */
public final class NotifyHandlers {
    private final Room room;
    private final ConversationAccess access;
    private final NotifySettingsRepository store;
    private final Clock clock;

    public NotifyHandlers(Room room, NotifySettingsRepository store, Clock clock) {
        this.room = room;
        this.access = new ConversationAccess(room);
        this.store = store;
        this.clock = clock;
    }

    public void registerOn(RequestRouter router) {
        router.on(Notify.Set.class, this::set)
                .on(Notify.ListSettings.class, this::list);
    }

    private void set(Call call, Notify.Set request) {
        OnlineUser user = account(call);
        Notify.Entry entry = request.entry();
        if (!entry.roomDefault()) {
            access.readable(user, entry.channelId(), entry.userId());
        }
        // A mute that has already ended is no mute: store nothing for it rather than a dead instant.
        if (entry.mutedUntil() != null && entry.mutedUntil() <= clock.millis()) {
            entry = new Notify.Entry(entry.channelId(), entry.userId(), entry.level(), null);
        }
        Notify.Entry saved = entry;
        long id = user.id();
        call.db(c -> {
            store.save(c, id, saved);
            return store.all(c, id);
        }, all -> call.reply(visible(user, all)));
    }

    private void list(Call call, Notify.ListSettings request) {
        OnlineUser user = account(call);
        long id = user.id();
        call.db(c -> store.all(c, id), all -> call.reply(visible(user, all)));
    }

    /** The settings of conversations {@code user} may read now (a channel hidden since, a deleted peer: left out). */
    private Notify.Settings visible(OnlineUser user, List<Notify.Entry> all) {
        return new Notify.Settings(all.stream().filter(entry -> readable(user, entry)).toList());
    }

    private boolean readable(OnlineUser user, Notify.Entry entry) {
        if (entry.channelId() != null) {
            return room.canRead(user, entry.channelId());
        }
        if (entry.userId() != null) {
            return room.account(entry.userId()).isPresent();
        }
        return true;
    }

    private static OnlineUser account(Call call) {
        OnlineUser user = call.user();
        if (user.guest()) {
            throw Refusal.forbidden("Guests' notification settings stay in the app for this visit only;"
                    + " register an account to keep them in the room.");
        }
        return user;
    }
}
