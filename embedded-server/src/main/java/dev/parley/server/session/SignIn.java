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
import dev.parley.server.auth.NameGuard;
import dev.parley.server.auth.TokenGenerations;
import dev.parley.server.auth.TokenService;
import dev.parley.server.channel.ChannelTree;
import dev.parley.server.chat.ChatRepository;
import dev.parley.server.chat.ConversationKey;
import dev.parley.server.chat.UnreadCounter;
import dev.parley.server.control.Call;
import dev.parley.server.control.CloseCodes;
import dev.parley.server.control.Refusal;
import dev.parley.protocol.control.ErrorCode;
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
    private final TokenGenerations generations;
    private final NameGuard names;
    // Capped per conversation: signing in must not cost more as the room's history grows (issue 13).
    private final UnreadCounter unreadCounter = new UnreadCounter(Limits.UNREAD_COUNT_CAP);
    private final PageFiller pages = new PageFiller(new dev.parley.protocol.control.ControlCodec());
    private java.util.function.Consumer<OnlineUser> welcomed = user -> { };

    public SignIn(Room room, Database database, AccountRepository accounts, ChatRepository chat, TokenService tokens,
                  String serverRun, TokenGenerations generations, NameGuard names) {
        this.generations = generations;
        this.names = names;
        this.room = room;
        this.database = database;
        this.accounts = accounts;
        this.chat = chat;
        this.tokens = tokens;
        this.serverRun = serverRun;
    }

    /** Refuses a new account's name that looks like another account's or an online user's. */
    public void checkNewAccountName(String username) {
        names.checkNewAccount(username, onlineNamesExcept(0)).ifPresent(clash -> {
            throw new Refusal(ErrorCode.USERNAME_TAKEN, clash.message());
        });
    }

    /** A deleted account's name may be taken again. Room thread. */
    public void accountRemoved(String username) {
        names.accountRemoved(username);
    }

    /** @param presence the presence to come back with; null means online */
    public void account(Call call, Account account, Presence presence) {
        account(call, account, presence, null);
    }

    /**
     * @param landIn the channel to start in instead of the lobby (an invite's), or null; ignored
     *               when it is gone, locked with a password, or the user may not enter it
     */
    public void account(Call call, Account account, Presence presence, Long landIn) {
        names.accountAdded(account.username());
        UserInfo info = new UserInfo(account.id(), account.username(), account.role());
        room.remember(new Room.KnownAccount(info, account.lastSeenAt() == null ? null : account.lastSeenAt().toEpochMilli()));
        OnlineUser user = enter(call, info, presence);
        if (landIn != null && room.channels().find(landIn).filter(channel -> !channel.hasPassword()).isPresent()
                && room.canSee(user, landIn)
                && room.allows(user, landIn, dev.parley.protocol.control.model.Permission.ENTER)) {
            user.channelId(landIn);
        }
        List<Long> readable = readableChannels(user);
        boolean hidden = presence == Presence.INVISIBLE;
        call.db(c -> {
            if (!hidden) {
                // An invisible sign-in leaves "last seen" as others last saw it.
                accounts.touchLastSeen(c, account.id());
            }
            List<UnreadCount> counts = new ArrayList<>();
            for (Map.Entry<ConversationKey, UnreadCounter.Tally> entry
                    : unreadCounter.count(c, account.id(), readable).entrySet()) {
                if (counts.size() == Limits.MAX_UNREAD_LISTED) {
                    break; // newest first; the rest show up as their conversations get new messages
                }
                UnreadCounter.Tally tally = entry.getValue();
                Boolean capped = tally.capped() ? Boolean.TRUE : null;
                counts.add(entry.getKey() instanceof ConversationKey.Channel channel
                        ? new UnreadCount(channel.channelId(), null, tally.count(), tally.lastRead(), capped)
                        : new UnreadCount(null, ((ConversationKey.Direct) entry.getKey()).peerOf(account.id()),
                                tally.count(), tally.lastRead(), capped));
            }
            return new Unread(counts, chat.lastMessageId(c), generations.current(c, account.id()));
        }, unread -> welcome(call, user, unread.counts(), unread.lastMessageId(), unread.tokenGeneration()));
    }

    /**
     * Signs a guest in, unless the nickname passes for an account, someone online (the guest's own
     * earlier session aside) or a reserved name: checked on every guest sign-in, resumes too, since
     * an account may have taken the name since.
     */
    public void guest(Call call, long guestId, String nickname, Presence presence) {
        names.checkGuest(nickname, onlineNamesExcept(guestId)).ifPresent(clash -> {
            throw new Refusal(ErrorCode.USERNAME_TAKEN, clash.message());
        });
        OnlineUser user = enter(call, new UserInfo(guestId, nickname, Role.GUEST), presence);
        call.db(chat::lastMessageId, lastId -> welcome(call, user, List.of(), lastId, 0));
    }

    private List<String> onlineNamesExcept(long userId) {
        return room.everyone().stream().filter(user -> user.id() != userId).map(OnlineUser::name).toList();
    }

    private record Unread(List<UnreadCount> counts, long lastMessageId, long tokenGeneration) {
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
        user.lastSeenWhileHidden(room.account(info.id()).map(Room.KnownAccount::lastSeen).orElse(null));
        call.connection().attach(user);
        room.add(user);
        return user;
    }

    private void welcome(Call call, OnlineUser user, List<UnreadCount> unread, long lastMessageId, long tokenGeneration) {
        if (!call.connection().isOpen() || room.online(user.id()).orElse(null) != user) {
            return;
        }
        String token = tokens.issue(user.id(), user.name(), serverRun, tokenGeneration);
        // Only first pages: a snapshot of the whole room outgrew the 64 KiB frame limit (issue 11).
        PageFiller.Page<ChannelInfo> channels = pages.fill(room.channels().infosAfter(null)
                        .filter(info -> room.canSee(user, info.id())).iterator(),
                Limits.MAX_CHANNEL_PAGE, Limits.AUTH_PAGE_BYTES);
        PageFiller.Page<UserState> users = pages.fill(room.onlineSeenBy(user.id(), null).iterator(),
                Limits.MAX_USER_PAGE, Limits.AUTH_PAGE_BYTES);
        RoomCounts counts = new RoomCounts(room.channelCountSeenBy(user), room.onlineCountSeenBy(user.id()), room.accountCount());
        call.reply(new Session.AuthOk(token, tokens.expiresAt(token), user.info(), user.channelId(),
                channels.items(), users.items(), unread, lastMessageId, channels.hasMore(), users.hasMore(), counts));
        user.markWelcomed();
        UserState asOthersSeeIt = user.stateSeenBy(0);
        user.showToOthers(asOthersSeeIt);
        if (!Room.isHidden(user)) {
            room.broadcastPresence(user.id(), new Users.StateChanged(asOthersSeeIt),
                    other -> other != user && !room.privacy().presenceHiddenFrom(user.id(), other.id()), null);
            room.broadcastPresence(user.id(), new Users.Moved(user.id(), null, user.channelId()),
                    other -> other != user && !room.privacy().presenceHiddenFrom(user.id(), other.id()), null);
        }
        log.info("{} signed in", user);
        welcomed.accept(user);
    }

    /** Runs {@code then} for every user right after their {@code auth.ok} (pending friend requests, say). */
    public void afterWelcome(java.util.function.Consumer<OnlineUser> then) {
        welcomed = welcomed.andThen(then);
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
