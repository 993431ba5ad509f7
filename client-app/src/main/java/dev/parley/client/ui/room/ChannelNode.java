package dev.parley.client.ui.room;

import dev.parley.protocol.control.model.ChannelInfo;
import java.util.List;

/**
 * A channel as the tree draws it: its users, sub-channels and unread count. Immutable snapshot.
 *
 * @param mine whether I am in this channel
 */
public record ChannelNode(ChannelInfo channel, List<UserNode> users, List<ChannelNode> children, int unread, boolean mine,
                          boolean unreadCapped) {

    /** The badge text: "1000+" when the room stopped counting (see {@link dev.parley.client.core.room.UnreadBadge}). */
    public String unreadText() {
        return dev.parley.client.core.room.UnreadBadge.text(unread, unreadCapped);
    }

    public ChannelNode {
        users = List.copyOf(users);
        children = List.copyOf(children);
    }

    public long id() {
        return channel.id();
    }
}
