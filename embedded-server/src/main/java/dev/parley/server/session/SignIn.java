package dev.parley.server.session;

import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UnreadCount;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.auth.Account;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.auth.TokenService;
import dev.parley.server.channel.ChannelTree;
import dev.parley.server.chat.ChatRepository;
import dev.parley.server.chat.ConversationKey;
import dev.parley.server.control.Call;
import dev.parley.server.control.CloseCodes;
import dev.parley.server.db.Database;
import dev.parley.server.directory.PageFiller;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.RoomCounts;
import dev.parley.server.room.Room;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a verified user into the room (and takes them out again): one session per user, a fresh
 * token, the room snapshot with unread counts, and the news for everyone else. Room thread only.
 */
public final class SignIn {
    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    private final Room room;
    private final Database database;
    private final AccountRepository accounts;
    private final ChatRepository chat;
    private final TokenService tokens;
    private final String serverRun;
    private final PageFiller pages = new PageFiller(new dev.parley.protocol.control.ControlCodec());

    public SignIn(Room room, Database database, AccountRepository accounts, ChatRepository chat, TokenService tokens,
                  String serverRun) {
        this.room = room;
        this.database = database;
        this.accounts = accounts;
        this.chat = chat;
        this.tokens = tokens;
        this.serverRun = serverRun;
    }

    /** @param presence the presence to come back with; null means online */
    public void account(Call call, Account account, Presence presence) {
        UserInfo info = new UserInfo(account.id(), account.username(), account.role());
        room.remember(new Room.KnownAccount(info, account.lastSeenAt() == null ? null : account.lastSeenAt().toEpochMilli()));
        OnlineUser user = enter(call, info, presence);
        List<Long> readable = readableChannels(user);
        call.db(c -> {
            accounts.touchLastSeen(c, account.id());
            List<UnreadCount> counts = new ArrayList<>();
            for (Map.Entry<ConversationKey, Integer> entry : chat.unreadCounts(c, account.id(), readable).entrySet()) {
                if (counts.size() == Limits.MAX_UNREAD_LISTED) {
                    break; // newest first; the rest show up as their conversations get new messages
                }
                long lastRead = chat.lastRead(c, account.id(), entry.getKey());
                counts.add(entry.getKey() instanceof ConversationKey.Channel channel
                        ? new UnreadCount(channel.channelId(), null, entry.getValue(), lastRead)
                        : new UnreadCount(null, ((ConversationKey.Direct) entry.getKey()).peerOf(account.id()),
                                entry.getValue(), lastRead));
            }
            return new Unread(counts, chat.lastMessageId(c));
        }, unread -> welcome(call, user, unread.counts(), unread.lastMessageId()));
    }

    public void guest(Call call, long guestId, String nickname, Presence presence) {
        OnlineUser user = enter(call, new UserInfo(guestId, nickname, Role.GUEST), presence);
        call.db(chat::lastMessageId, lastId -> welcome(call, user, List.of(), lastId));
    }

    private record Unread(List<UnreadCount> counts, long lastMessageId) {
    }

    private OnlineUser enter(Call call, UserInfo info, Presence presence) {
        room.online(info.id()).ifPresent(previous -> {
            log.info("{} signed in again; closing the older session", previous);
            previous.link().announceAndClose(CloseCodes.REPLACED, "replaced", "You signed in somewhere else.");
            leave(previous);
        });
        OnlineUser user = new OnlineUser(info.id(), info.name(), info.role(), ChannelTree.LOBBY_ID, call.connection());
        if (presence != null) {
            user.presence(presence);
        }
        call.connection().attach(user);
        room.add(user);
        return user;
    }

    private void welcome(Call call, OnlineUser user, List<UnreadCount> unread, long lastMessageId) {
        if (!call.connection().isOpen() || room.online(user.id()).orElse(null) != user) {
            return;
        }
        String token = tokens.issue(user.id(), user.name(), serverRun);
        // Only first pages: a snapshot of the whole room outgrew the 64 KiB frame limit (issue 11).
        PageFiller.Page<ChannelInfo> channels = pages.fill(room.channels().infosAfter(null).iterator(),
                Limits.MAX_CHANNEL_PAGE, Limits.AUTH_PAGE_BYTES);
        PageFiller.Page<UserState> users = pages.fill(room.onlineSeenBy(user.id(), null).iterator(),
                Limits.MAX_USER_PAGE, Limits.AUTH_PAGE_BYTES);
        RoomCounts counts = new RoomCounts(room.channels().size(), room.onlineCountSeenBy(user.id()), room.accountCount());
        call.reply(new Session.AuthOk(token, tokens.expiresAt(token), user.info(), user.channelId(),
                channels.items(), users.items(), unread, lastMessageId, channels.hasMore(), users.hasMore(), counts));
        user.markWelcomed();
        if (!Room.isHidden(user)) {
            room.broadcast(new Users.StateChanged(user.stateSeenBy(0)), other -> other != user);
            room.broadcast(new Users.Moved(user.id(), null, user.channelId()), other -> other != user);
        }
        log.info("{} signed in", user);
    }

    private List<Long> readableChannels(OnlineUser user) {
        return room.channels().infos().stream()
                .map(channel -> channel.id())
                .filter(id -> room.canRead(user, id))
                .toList();
    }

    /** Takes a user out of the room when their connection ends, and tells everyone. */
    public void leave(OnlineUser user) {
        if (room.online(user.id()).orElse(null) != user) {
            return;
        }
        room.remove(user);
        if (Room.isHidden(user)) {
            // Others already see an invisible user as offline; a fresh "last seen" would give them away.
            log.info("{} left", user);
            return;
        }
        long now = System.currentTimeMillis();
        if (!user.guest()) {
            room.remember(new Room.KnownAccount(user.info(), now));
            database.submit(c -> accounts.touchLastSeen(c, user.id()))
                    .exceptionally(error -> {
                        log.warn("Could not record last seen for {}: {}", user, error.toString());
                        return false;
                    });
            room.broadcastOffline(Room.offlineState(room.account(user.id()).orElseThrow()));
        } else {
            room.broadcastOffline(new UserState(user.info(), Presence.OFFLINE, null, now, false, false, false));
        }
        log.info("{} left", user);
    }
}
