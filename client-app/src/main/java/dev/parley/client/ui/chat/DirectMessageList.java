package dev.parley.client.ui.chat;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.room.RoomChange;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.Presence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * My direct-message conversations: every one the room keeps for me (read at each sign-in with
 * {@code chat.directs}), everyone I have unread DMs from (as the room counts them), and everyone I wrote
 * with or heard from since, with presence and unread count, unread first.
 * The list is UI thread only; it is rebuilt on the client event thread, where {@link RoomState} lives.
 */
public final class DirectMessageList implements AutoCloseable {
    /** One row of the list. */
    public record Entry(long peerId, String name, Presence presence, int unread, boolean unreadCapped) {
        /** The badge text: "1000+" when the room stopped counting (see {@link dev.parley.client.core.room.UnreadBadge}). */
        public String unreadText() {
            return dev.parley.client.core.room.UnreadBadge.text(unread, unreadCapped);
        }
    }

    private final ControlClient client;
    private final RoomState room;
    private final UiThread ui;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Event thread only: peers talked with, in the order first seen. */
    private final Set<Long> peers = new LinkedHashSet<>();
    /** Event thread only: the room's names for peers, for those not online (the room's state names only them). */
    private final java.util.Map<Long, String> names = new java.util.HashMap<>();

    public DirectMessageList(ControlClient client, RoomState room, UiThread ui) {
        this.client = client;
        this.room = room;
        this.ui = ui;
        client.eventLoop().executeIfRunning(() -> {
            subscriptions.add(room.onChange(change -> {
                if (!(change instanceof RoomChange.TypingChanged)) {
                    publish();
                }
            }));
            subscriptions.add(client.on(Chat.Posted.class, posted -> {
                if (posted.message().channelId() == null && room.self().isPresent()) {
                    peers.add(((Conversation.Direct) Conversation.of(posted.message(), room.self().get().id())).peerId());
                    publish();
                }
            }));
            subscriptions.add(client.onSignedIn(auth -> readFromRoom()));
            readFromRoom();
            publish();
        });
    }

    /** Asks the room for every direct conversation I have (event thread); offline or refused: the next sign-in asks again. */
    private void readFromRoom() {
        client.request(new Chat.ListDirects(null), Chat.Directs.class).whenComplete((directs, failure) -> {
            if (failure != null) {
                return;
            }
            directs.peers().forEach(peer -> {
                peers.add(peer.userId());
                names.put(peer.userId(), peer.name());
            });
            publish();
        });
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    /** A DM was opened (UI thread): it stays in the list from now on. */
    public void opened(long peerId) {
        client.eventLoop().executeIfRunning(() -> {
            peers.add(peerId);
            publish();
        });
    }

    private void publish() {
        if (!room.ready()) {
            return;
        }
        Set<Long> shown = new LinkedHashSet<>(peers);
        room.unreadCounts().keySet().stream()
                .filter(Conversation.Direct.class::isInstance)
                .map(conversation -> ((Conversation.Direct) conversation).peerId())
                .forEach(shown::add);
        List<Entry> rows = shown.stream()
                .map(peer -> new Entry(peer,
                        room.user(peer).map(state -> state.user().name()).orElseGet(() -> names.getOrDefault(peer, "user " + peer)),
                        room.user(peer).map(state -> state.presence()).orElse(Presence.OFFLINE),
                        room.unread(Conversation.direct(peer)), room.unreadCapped(Conversation.direct(peer))))
                .sorted(Comparator.comparing((Entry entry) -> entry.unread() == 0).thenComparing(Entry::name))
                .toList();
        ui.run(() -> entries.setAll(rows));
    }

    @Override
    public void close() {
        client.eventLoop().executeIfRunning(() -> subscriptions.forEach(Subscription::close));
    }
}
