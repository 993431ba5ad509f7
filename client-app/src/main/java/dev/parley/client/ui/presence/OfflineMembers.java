package dev.parley.client.ui.presence;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.room.RoomChange;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.UserState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Members who are not here, most recently seen first: the room's member list ({@code members.list},
 * page by page) kept current by the room's presence events. The list is UI thread only; the members
 * map lives on the client event thread, where {@link RoomState} changes.
 */
public final class OfflineMembers implements AutoCloseable {
    /** At most this many pages (of 100) are asked for: a huge room lists its most recent members. */
    static final int MAX_PAGES = 5;

    private final ControlClient client;
    private final RoomState room;
    private final UiThread ui;
    private final ObservableList<UserState> entries = FXCollections.observableArrayList();
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Event thread only: every member known, by id. */
    private final Map<Long, UserState> members = new HashMap<>();

    public OfflineMembers(ControlClient client, RoomState room, UiThread ui) {
        this.client = client;
        this.room = room;
        this.ui = ui;
        client.eventLoop().executeIfRunning(() -> {
            subscriptions.add(room.onChange(this::changed));
            if (room.ready()) {
                load(null, 0);
            }
        });
    }

    /** Offline accounts, most recently seen first (never seen last). */
    public ObservableList<UserState> entries() {
        return entries;
    }

    private void changed(RoomChange change) {
        if (change instanceof RoomChange.Reset) {
            load(null, 0);
        } else if (change instanceof RoomChange.UserChanged userChanged) {
            room.user(userChanged.userId()).filter(state -> state.id() > 0).ifPresent(state -> {
                members.put(state.id(), state);
                publish();
            });
        }
    }

    /** Event thread: one page, then the next while there are more. */
    private void load(String after, int page) {
        client.request(new Directory.ListMembers(after, null), Directory.MemberPage.class)
                .whenComplete((reply, failure) -> client.eventLoop().executeIfRunning(() -> {
                    if (failure != null) {
                        return; // offline: the next Reset (after a reconnect) loads again
                    }
                    for (UserState member : reply.members()) {
                        // What the room told us since is newer than the page.
                        members.put(member.id(), room.user(member.id()).orElse(member));
                    }
                    publish();
                    if (reply.hasMore() && page + 1 < MAX_PAGES && !reply.members().isEmpty()) {
                        load(reply.members().get(reply.members().size() - 1).user().name(), page + 1);
                    }
                }));
    }

    private void publish() {
        List<UserState> offline = members.values().stream()
                .filter(state -> state.presence() == Presence.OFFLINE)
                .sorted(Comparator.comparing((UserState state) -> state.lastSeen() == null ? Long.MIN_VALUE : state.lastSeen())
                        .reversed().thenComparing(state -> state.user().name(), String.CASE_INSENSITIVE_ORDER))
                .toList();
        ui.run(() -> entries.setAll(offline));
    }

    /** "last seen 5 min ago", "last seen 3 h ago", "last seen 2 days ago", or "never seen". */
    public static String lastSeen(Long lastSeen, long nowMillis) {
        if (lastSeen == null) {
            return "never seen";
        }
        long minutes = Math.max(0, (nowMillis - lastSeen) / 60_000);
        if (minutes < 1) {
            return "last seen just now";
        }
        if (minutes < 60) {
            return "last seen " + minutes + " min ago";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return "last seen " + hours + " h ago";
        }
        long days = hours / 24;
        return "last seen " + days + (days == 1 ? " day ago" : " days ago");
    }

    @Override
    public void close() {
        client.eventLoop().executeIfRunning(() -> subscriptions.forEach(Subscription::close));
    }
}
