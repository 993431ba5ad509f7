package dev.parley.server.friends;

import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.server.room.PeerPrivacy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The room's friendships, requests and privacy options in memory, so presence and direct-message checks
 * need no SQL. The database decides every change ({@link FriendRepository}); this book follows, in the
 * same order, on the room thread. Owned by the room thread.
 */
public final class FriendBook implements PeerPrivacy {
    private final Map<Long, Map<Long, FriendLink>> byAccount = new HashMap<>();
    private final Map<Long, Privacy> privacy = new HashMap<>();
    /** Told after every change, so rules decided from the book (whisper targets) are decided again. */
    private Runnable changed = () -> { };

    public FriendBook(Collection<FriendLink> links, Map<Long, Privacy> options) {
        links.forEach(this::put);
        privacy.putAll(options);
    }

    public void onChange(Runnable listener) {
        this.changed = listener;
    }

    public void put(FriendLink link) {
        byAccount.computeIfAbsent(link.requester(), id -> new HashMap<>()).put(link.target(), link);
        byAccount.computeIfAbsent(link.target(), id -> new HashMap<>()).put(link.requester(), link);
        changed.run();
    }

    public void remove(long a, long b) {
        Optional.ofNullable(byAccount.get(a)).ifPresent(links -> links.remove(b));
        Optional.ofNullable(byAccount.get(b)).ifPresent(links -> links.remove(a));
        changed.run();
    }

    public Optional<FriendLink> link(long a, long b) {
        return Optional.ofNullable(byAccount.getOrDefault(a, Map.of()).get(b));
    }

    public FriendStatus status(long me, long other) {
        return link(me, other).map(link -> link.statusFor(me)).orElse(FriendStatus.NONE);
    }

    public boolean friends(long a, long b) {
        return link(a, b).filter(FriendLink::accepted).isPresent();
    }

    public List<FriendLink> links(long me) {
        return List.copyOf(byAccount.getOrDefault(me, Map.of()).values());
    }

    public Privacy privacy(long account) {
        return privacy.getOrDefault(account, Privacy.DEFAULT);
    }

    public void privacy(long account, Privacy options) {
        privacy.put(account, options);
        changed.run();
    }

    /** The account was deleted (its rows went with it). */
    public void forget(long account) {
        Map<Long, FriendLink> links = byAccount.remove(account);
        if (links != null) {
            links.keySet().forEach(other -> Optional.ofNullable(byAccount.get(other)).ifPresent(l -> l.remove(account)));
        }
        privacy.remove(account);
        changed.run();
    }

    @Override
    public boolean presenceHiddenFrom(long subjectId, long viewerId) {
        return subjectId != viewerId && privacy(subjectId).presenceFriendsOnly() && !friends(subjectId, viewerId);
    }

    @Override
    public boolean refusesDirectMessage(long fromId, long toId) {
        return privacy(toId).dmFriendsOnly() && !friends(fromId, toId);
    }
}
