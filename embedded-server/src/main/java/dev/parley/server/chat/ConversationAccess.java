package dev.parley.server.chat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.model.Permission;
import dev.parley.server.control.Refusal;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;

/**
 * Who may read and who may write a conversation (a channel, or the direct messages between two
 * accounts): the one place those rules live, for chat, search and files alike, so a new way into a
 * conversation cannot forget one. Room thread only (it reads the room's channels and privacy).
 */
public final class ConversationAccess {
    private final Room room;

    public ConversationAccess(Room room) {
        this.room = room;
    }

    /** The conversation a request names ({@code channelId}, or the DMs with {@code peerId}), if the caller may read it. */
    public ConversationKey readable(OnlineUser user, Long channelId, Long peerId) {
        if (channelId != null) {
            if (!room.canRead(user, channelId)) {
                throw room.channels().find(channelId).isEmpty()
                        ? Refusal.notFound("There is no channel " + channelId + ".")
                        : Refusal.forbidden("You may not read this channel.");
            }
            return ConversationKey.channel(channelId);
        }
        if (user.guest()) {
            throw Refusal.forbidden("Guests cannot send or read direct messages; register an account.");
        }
        if (peerId == user.id()) {
            throw new Refusal(ErrorCode.CONFLICT, "You cannot message yourself.");
        }
        if (room.account(peerId).isEmpty()) {
            throw Refusal.notFound("There is no account " + peerId + ".");
        }
        return ConversationKey.direct(user.id(), peerId);
    }

    /**
     * The same, if the caller may also post there: write permission in a channel, and in direct
     * messages the receiver's "friends only" choice.
     */
    public ConversationKey writable(OnlineUser user, Long channelId, Long peerId) {
        ConversationKey conversation = readable(user, channelId, peerId);
        if (conversation instanceof ConversationKey.Channel channel
                && !room.allows(user, channel.channelId(), Permission.WRITE)) {
            throw Refusal.forbidden("You may not write in this channel.");
        }
        if (peerId != null && room.privacy().refusesDirectMessage(user.id(), peerId)) {
            throw new Refusal(ErrorCode.FRIENDS_ONLY, room.account(peerId).map(a -> a.info().name())
                    .orElse("They") + " accepts direct messages from friends only.");
        }
        return conversation;
    }
}
