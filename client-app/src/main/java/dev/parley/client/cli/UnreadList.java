package dev.parley.client.cli;

import dev.parley.client.core.room.UnreadBadge;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.UnreadCount;
import dev.parley.protocol.control.model.UserState;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code --unread}: the unread counts the room gave at sign-in, newest conversation first, written as the
 * app's badges write them ("1000+" where the room stopped counting). Names come from {@code auth.ok}'s
 * first pages; a channel or user beyond them shows by id. CLI thread.
 */
final class UnreadList {
    private final PrintWriter out;

    UnreadList(PrintWriter out) {
        this.out = out;
    }

    void print(Session.AuthOk auth) {
        Map<Long, String> channels = auth.channels().stream()
                .collect(Collectors.toMap(ChannelInfo::id, ChannelInfo::name, (a, b) -> a));
        Map<Long, String> users = auth.users().stream().map(UserState::user)
                .collect(Collectors.toMap(user -> user.id(), user -> user.name(), (a, b) -> a));
        if (auth.unread().isEmpty()) {
            out.println("Nothing unread.");
        }
        for (UnreadCount count : auth.unread()) {
            String where = count.channelId() != null
                    ? "#" + name(channels, count.channelId(), id -> "channel " + id)
                    : "@" + name(users, count.userId(), id -> "user " + id);
            out.printf("Unread in %s: %s%n", where, UnreadBadge.text(count.count(), Boolean.TRUE.equals(count.capped())));
        }
        out.flush();
    }

    private static String name(Map<Long, String> names, long id, Function<Long, String> otherwise) {
        String name = names.get(id);
        return name != null ? name : otherwise.apply(id);
    }
}
