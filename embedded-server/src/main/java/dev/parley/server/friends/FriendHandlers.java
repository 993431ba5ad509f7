package dev.parley.server.friends;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Event;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Friend requests, answers, the friends list and the privacy options; tells both sides of each change
 * and shows or hides presence as friendships and options change. Room thread only.
 */
public final class FriendHandlers {
    private final Room room;
    private final FriendBook book;
    private final FriendRepository friends;
    private final Clock clock;

    public FriendHandlers(Room room, FriendBook book, FriendRepository friends, Clock clock) {
        this.room = room;
        this.book = book;
        this.friends = friends;
        this.clock = clock;
    }

    public void registerOn(RequestRouter router) {
        router.on(Friends.Ask.class, this::ask)
                .on(Friends.Accept.class, this::accept)
                .on(Friends.Decline.class, this::decline)
                .on(Friends.Cancel.class, this::cancel)
                .on(Friends.Remove.class, this::remove)
                .on(Friends.ListFriends.class, this::list)
                .on(Friends.SetPrivacy.class, this::privacy);
    }

    /** Right after a user's {@code auth.ok}: every request still waiting for them. */
    public void welcomed(OnlineUser user) {
        if (user.guest()) {
            return;
        }
        book.links(user.id()).stream()
                .filter(link -> link.statusFor(user.id()) == FriendStatus.INCOMING)
                .filter(link -> room.account(link.requester()).isPresent())
                .sorted(Comparator.comparing(FriendLink::requestedAt))
                .forEach(link -> send(user, new Friends.Changed(stateOf(link.requester(), user.id()),
                        FriendStatus.INCOMING, link.since())));
    }

    private void ask(Call call, Friends.Ask request) {
        long me = account(call).id();
        long other = peer(me, request.userId());
        Instant now = now();
        call.db(c -> friends.ask(c, me, other, now), link -> change(call, me, other, () -> book.put(link)));
    }

    private void accept(Call call, Friends.Accept request) {
        long me = account(call).id();
        long other = peer(me, request.userId());
        Instant now = now();
        call.db(c -> friends.accept(c, me, other, now), link -> change(call, me, other, () -> book.put(link)));
    }

    private void decline(Call call, Friends.Decline request) {
        long me = account(call).id();
        long other = peer(me, request.userId());
        call.db(c -> friends.deleteRequest(c, other, me), deleted -> {
            if (!deleted) {
                throw Refusal.notFound("No friend request from them is waiting.");
            }
            change(call, me, other, () -> book.remove(me, other));
        });
    }

    private void cancel(Call call, Friends.Cancel request) {
        long me = account(call).id();
        long other = peer(me, request.userId());
        call.db(c -> friends.deleteRequest(c, me, other), deleted -> {
            if (!deleted) {
                throw Refusal.notFound("You have no request to them waiting.");
            }
            change(call, me, other, () -> book.remove(me, other));
        });
    }

    private void remove(Call call, Friends.Remove request) {
        long me = account(call).id();
        long other = peer(me, request.userId());
        call.db(c -> friends.deleteFriendship(c, me, other), deleted -> {
            if (!deleted) {
                throw Refusal.notFound("You are not friends.");
            }
            change(call, me, other, () -> book.remove(me, other));
        });
    }

    private void list(Call call, Friends.ListFriends request) {
        long me = account(call).id();
        List<Friends.Entry> entries = book.links(me).stream()
                .filter(link -> room.account(link.other(me)).isPresent())
                .map(link -> new Friends.Entry(stateOf(link.other(me), me), link.statusFor(me), link.since()))
                .sorted(Comparator.<Friends.Entry>comparingInt(entry -> entry.status().ordinal())
                        .thenComparing(entry -> entry.user().user().name().toLowerCase(Locale.ROOT)))
                .toList();
        call.reply(new Friends.FriendList(entries));
    }

    private void privacy(Call call, Friends.SetPrivacy request) {
        OnlineUser me = account(call);
        Privacy before = book.privacy(me.id());
        Privacy after = before.with(request.dmFriendsOnly(), request.presenceFriendsOnly());
        if (after.equals(before)) {
            call.reply(new Friends.Privacy(after.dmFriendsOnly(), after.presenceFriendsOnly()));
            return;
        }
        call.db(c -> {
            friends.savePrivacy(c, me.id(), after);
            return after;
        }, saved -> {
            List<OnlineUser> others = room.everyone().stream().filter(user -> user != me).toList();
            List<Boolean> hiddenBefore = others.stream().map(user -> book.presenceHiddenFrom(me.id(), user.id())).toList();
            book.privacy(me.id(), saved);
            call.reply(new Friends.Privacy(saved.dmFriendsOnly(), saved.presenceFriendsOnly()));
            for (int i = 0; i < others.size(); i++) {
                refresh(me.id(), others.get(i), hiddenBefore.get(i));
            }
        });
    }

    /**
     * Applies a change the database has committed, answers, tells both sides how they stand now, and
     * shows or hides each one's presence from the other where a friendship started or ended.
     */
    private void change(Call call, long me, long other, Runnable apply) {
        boolean meHidden = book.presenceHiddenFrom(me, other);
        boolean otherHidden = book.presenceHiddenFrom(other, me);
        apply.run();
        call.reply(new Ok());
        room.online(other).ifPresent(viewer -> refresh(me, viewer, meHidden));
        refresh(other, call.user(), otherHidden);
        tell(me, other);
        tell(other, me);
    }

    /** Sends {@code viewer} the news when {@code subject}'s presence just became visible or hidden to them. */
    private void refresh(long subject, OnlineUser viewer, boolean wasHidden) {
        boolean hidden = book.presenceHiddenFrom(subject, viewer.id());
        Optional<OnlineUser> shown = room.online(subject).filter(user -> !Room.isHidden(user));
        if (hidden == wasHidden || shown.isEmpty()) {
            return;
        }
        OnlineUser user = shown.get();
        send(viewer, new Users.StateChanged(room.stateSeenBy(user, viewer.id())));
        if (!hidden) {
            send(viewer, new Users.Moved(user.id(), null, user.channelId()));
        }
    }

    private void tell(long me, long other) {
        room.online(me).ifPresent(user -> {
            long since = book.link(me, other).map(FriendLink::since).orElse(clock.millis());
            send(user, new Friends.Changed(stateOf(other, me), book.status(me, other), since));
        });
    }

    /** {@code subject} as {@code viewer} may see them now. */
    private UserState stateOf(long subject, long viewer) {
        Optional<OnlineUser> online = room.online(subject);
        if (online.isPresent() && online.get().welcomed()) {
            return room.presenceShown(online.get(), viewer) ? online.get().stateSeenBy(viewer)
                    : room.stateSeenBy(online.get(), viewer);
        }
        return room.offlineStateSeenBy(room.account(subject).orElseThrow(), viewer);
    }

    private static void send(OnlineUser user, Event event) {
        if (user.welcomed()) {
            user.link().send(Envelope.event(event));
        }
    }

    private long peer(long me, long other) {
        if (other == me) {
            throw new Refusal(ErrorCode.CONFLICT, "You cannot befriend yourself.");
        }
        if (room.account(other).isEmpty()) {
            throw Refusal.notFound("There is no account " + other + ".");
        }
        return other;
    }

    private static OnlineUser account(Call call) {
        OnlineUser user = call.user();
        if (user.guest()) {
            throw Refusal.forbidden("Guests have no friends list; register an account.");
        }
        return user;
    }

    private Instant now() {
        return dev.parley.server.db.SqlSupport.now(clock);
    }
}
