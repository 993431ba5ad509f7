package dev.parley.server.chat;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.server.directory.PageFiller;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Event;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.e2e.SealedText;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomLoop;
import dev.parley.server.room.RoomObserver;
import dev.parley.server.session.OnlineUser;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Channel chat and direct messages: posting (idempotent by nonce), history, edits, deletes,
 * reactions, typing, read markers and catch-up. Permission checks run on the room thread before
 * any SQL; the SQL re-checks what only the database knows (which conversation a message is in).
 */
public final class ChatHandlers implements RoomObserver {
    /** Fires a little after the expiry so a timer never wakes just before it. */
    private static final long TYPING_TIMER_SLACK_MILLIS = 50;

    private final Room room;
    private final ConversationAccess access;
    private final RoomLoop loop;
    private final ChatRepository chat;
    private final ChatWriter writer;
    private final TypingTracker typing;
    private final String serverRun;
    private final Runnable onStored;
    private final PageFiller pages = new PageFiller(new ControlCodec());
    /** Where a moderator deleting someone else's message is recorded; null records nothing. */
    private final dev.parley.server.moderation.AuditTrail audit;
    /** Who hears of committed changes (the search index); set once while the server is wired. */
    private ChatChanges changes = ChatChanges.NONE;
    /** Runs after a message was deleted (its file may now be unreferenced); room thread. */
    private Runnable afterDelete = () -> { };

    public ChatHandlers(Room room, RoomLoop loop, ChatRepository chat, ChatWriter writer, TypingTracker typing,
                        String serverRun, Runnable onStored) {
        this(room, loop, chat, writer, typing, serverRun, onStored, null);
    }

    public ChatHandlers(Room room, RoomLoop loop, ChatRepository chat, ChatWriter writer, TypingTracker typing,
                        String serverRun, Runnable onStored, dev.parley.server.moderation.AuditTrail audit) {
        this.audit = audit;
        this.room = room;
        this.access = new ConversationAccess(room);
        this.loop = loop;
        this.chat = chat;
        this.writer = writer;
        this.typing = typing;
        this.serverRun = serverRun;
        this.onStored = onStored;
    }

    /** Tells {@code listener} of every post, edit and delete once committed. Call before the room serves requests. */
    public void tellChangesTo(ChatChanges listener) {
        this.changes = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** What to do once a deletion is committed: the file store collects files nothing refers to. */
    public void afterDelete(Runnable action) {
        this.afterDelete = action;
    }

    public void registerOn(RequestRouter router) {
        router.on(Chat.Send.class, this::send)
                .on(Chat.Edit.class, this::edit)
                .on(Chat.Delete.class, this::delete)
                .on(Chat.React.class, this::react)
                .on(Chat.History.class, this::history)
                .on(Chat.Typing.class, this::typing)
                .on(Chat.MarkRead.class, this::markRead)
                .on(Chat.CatchUp.class, this::catchUp)
                .on(Chat.ListDirects.class, this::directs)
                .on(Directory.ListReactors.class, this::reactors);
    }

    private void send(Call call, Chat.Send request) {
        OnlineUser user = call.user();
        ConversationKey conversation = access.writable(user, request.channelId(), request.userId());
        // Room thread: the one channel is looked up, not every channel copied, on the path of every message.
        requireSealedWhereEncrypted(conversation, request.text(), channelId -> room.channels().find(channelId)
                .map(dev.parley.server.channel.Channel::e2e).map(e2e -> e2e.epoch()).orElse(null));
        Author author = ChatViews.author(user.id(), user.name(), serverRun);
        call.await(writer.write(new ChatWriter.Draft(conversation, author, request.text(), request.replyTo(),
                request.nonce())), sent -> {
            if (!sent.duplicate()) {
                changes.posted(sent.message());
            }
            call.reply(sent);
            if (sent.duplicate()) {
                return;
            }
            onStored.run();
            TypingTracker.Typist typist = new TypingTracker.Typist(user.id(), conversation);
            if (typing.stop(typist)) {
                announceTyping(user, conversation, false);
            }
            tell(conversation, new Chat.Posted(sent.message()));
        });
    }

    /**
     * Stores and delivers a direct message the room writes in someone's name (a missed call's entry), as
     * if they had sent it: in their conversation with {@code peerId}, unread for the peer. {@code key}
     * names the occasion within this server run (it becomes the nonce, so it is stored once). Room thread.
     */
    public CompletableFuture<ChatMessage> postInNameOf(long authorId, String authorName, long peerId, String text,
            String key) {
        ConversationKey conversation = ConversationKey.direct(authorId, peerId);
        CompletableFuture<ChatMessage> posted = new CompletableFuture<>();
        writer.write(new ChatWriter.Draft(conversation, ChatViews.author(authorId, authorName, serverRun), text, null,
                key + "@" + serverRun)).whenComplete((sent, error) -> loop.execute(() -> {
                    if (error != null) {
                        posted.completeExceptionally(error);
                        return;
                    }
                    changes.posted(sent.message());
                    onStored.run();
                    tell(conversation, new Chat.Posted(sent.message()));
                    posted.complete(sent.message());
                }));
        return posted;
    }

    private void edit(Call call, Chat.Edit request) {
        OnlineUser user = call.user();
        Set<Long> readable = readableChannels(user);
        Set<Long> writable = writableChannels(user);
        String authorKey = ChatViews.userKey(user.id(), serverRun);
        Map<Long, Integer> encrypted = room.channels().encryptedEpochs();
        call.db(c -> {
            StoredMessage message = visibleMessage(c, request.messageId(), user, readable);
            if (!message.authorKey().equals(authorKey)) {
                throw Refusal.forbidden("You can only edit your own messages.");
            }
            requireWrite(message, writable);
            requireSealedWhereEncrypted(message.conversation(), request.text(), encrypted::get);
            StoredMessage edited = chat.edit(c, message.id(), request.text())
                    .orElseThrow(() -> new Refusal(ErrorCode.CONFLICT, "That message was deleted."));
            return new WithReactions(edited, chat.reactionCounts(c, edited.id()));
        }, edited -> {
            changes.edited(ChatViews.wire(edited.message(), List.of(), Set.<String>of()));
            call.reply(new Ok());
            Map<String, Set<String>> mine = ChatViews.emojiByUser(edited.reactions());
            ChatMessage asNobody = ChatViews.wire(edited.message(), edited.reactions(), Set.of());
            tellEach(asNobody, viewer -> new Chat.Edited(ChatViews.wire(edited.message(), edited.reactions(),
                    mine.getOrDefault(ChatViews.userKey(viewer.id(), serverRun), Set.of()))));
        });
    }

    /**
     * In an end-to-end encrypted channel the room takes only text sealed under the channel's current key
     * epoch: a client that forgot to seal must not leave plaintext on the server, and one still on an
     * old key (a member removed by a rekey) cannot post. {@code currentEpoch} gives a channel's key epoch, null
     * for a plain channel; it must be safe on the calling thread (a snapshot off the room thread).
     */
    private static void requireSealedWhereEncrypted(ConversationKey conversation, String text,
            java.util.function.LongFunction<Integer> currentEpoch) {
        Integer current = conversation instanceof ConversationKey.Channel channel
                ? currentEpoch.apply(channel.channelId()) : null;
        if (current == null) {
            return;
        }
        int epoch = current;
        int sealedUnder = SealedText.epochOf(text).orElseThrow(() -> new Refusal(ErrorCode.INVALID_FIELD,
                "This channel is end-to-end encrypted: text must be sealed with its key (epoch " + epoch + ")."));
        if (sealedUnder != epoch) {
            throw new Refusal(ErrorCode.CONFLICT, "This channel's key changed (epoch " + epoch
                    + "): seal with the new key (its new passphrase, or the copy a member gave you).");
        }
    }

    private void delete(Call call, Chat.Delete request) {
        OnlineUser user = call.user();
        Set<Long> readable = readableChannels(user);
        Set<Long> managed = managedChannels(user);
        Set<Long> writable = writableChannels(user);
        String authorKey = ChatViews.userKey(user.id(), serverRun);
        call.db(c -> {
            StoredMessage message = visibleMessage(c, request.messageId(), user, readable);
            boolean own = message.authorKey().equals(authorKey)
                    && (!(message.conversation() instanceof ConversationKey.Channel channel)
                    || writable.contains(channel.channelId()));
            boolean moderator = message.conversation() instanceof ConversationKey.Channel channel
                    && managed.contains(channel.channelId());
            if (!own && !moderator) {
                throw Refusal.forbidden("You can only delete your own messages.");
            }
            return new DeletedBy(ChatViews.wire(chat.softDelete(c, message.id()).orElse(message), List.of(), Set.of()),
                    !own);
        }, outcome -> {
            ChatMessage deleted = outcome.message();
            changes.deleted(deleted.id());
            call.reply(new Ok());
            afterDelete.run();
            if (outcome.byModerator() && audit != null) {
                audit.record(user, "chat.delete", deleted.authorId(), deleted.authorName(), deleted.channelId(), null,
                        "message " + deleted.id());
            }
            tell(conversationOf(deleted), new Chat.Deleted(deleted.id(), deleted.channelId(), deleted.toUserId(),
                    deleted.authorId()));
        });
    }

    private record DeletedBy(ChatMessage message, boolean byModerator) {
    }

    private void react(Call call, Chat.React request) {
        OnlineUser user = call.user();
        Set<Long> readable = readableChannels(user);
        Set<Long> writable = writableChannels(user);
        String userKey = ChatViews.userKey(user.id(), serverRun);
        call.db(c -> {
            StoredMessage message = visibleMessage(c, request.messageId(), user, readable);
            requireWrite(message, writable);
            if (message.deleted()) {
                throw new Refusal(ErrorCode.CONFLICT, "That message was deleted.");
            }
            if (request.add()) {
                ChatRepository.EmojiUse use = chat.emojiUse(c, message.id(), request.emoji());
                if (!use.present() && use.distinct() >= Limits.MAX_REACTION_EMOJI) {
                    throw new Refusal(ErrorCode.LIMIT_REACHED, "A message can carry at most "
                            + Limits.MAX_REACTION_EMOJI + " different reactions; add to one of them.");
                }
            }
            boolean changed = request.add()
                    ? chat.addReaction(c, message.id(), request.emoji(), userKey)
                    : chat.removeReaction(c, message.id(), request.emoji(), userKey);
            return new Reacted(new WithReactions(message, chat.reactionCounts(c, message.id())), changed);
        }, reacted -> {
            call.reply(new Ok());
            if (reacted.changed()) {
                // Counts per emoji and "did I react": the same few bytes for 10 or 10,000 reactions.
                List<StoredReaction> reactions = reacted.message().reactions();
                ChatMessage message = ChatViews.wire(reacted.message().message(), reactions, Set.of());
                Map<String, Set<String>> mine = ChatViews.emojiByUser(reactions);
                tellEach(message, viewer -> new Chat.ReactionsChanged(message.id(), message.channelId(),
                        message.toUserId(), message.authorId(), ChatViews.wire(reactions,
                                mine.getOrDefault(ChatViews.userKey(viewer.id(), serverRun), Set.of()))));
            }
        });
    }

    private record WithReactions(StoredMessage message, List<StoredReaction> reactions) {
    }

    private record Reacted(WithReactions message, boolean changed) {
    }

    /**
     * Who reacted with one emoji, a page at a time. Accounts are named from the room's directory; a
     * guest who has left is shown as "guest".
     */
    private void reactors(Call call, Directory.ListReactors request) {
        OnlineUser user = call.user();
        Set<Long> readable = readableChannels(user);
        call.db(c -> {
            StoredMessage message = visibleMessage(c, request.messageId(), user, readable);
            int total = chat.reactorCount(c, message.id(), request.emoji());
            List<String> keys = chat.reactors(c, message.id(), request.emoji(), request.offset(), request.limit());
            return new Reactors(message.id(), keys, total);
        }, found -> {
            List<UserInfo> users = found.keys().stream().map(ChatViews::userIdOf).map(this::describe).toList();
            PageFiller.Page<UserInfo> page = pages.fill(users.iterator(), request.limit(), Limits.PAGE_BYTES);
            boolean more = page.hasMore() || request.offset() + users.size() < found.total();
            call.reply(new Directory.ReactorPage(found.messageId(), request.emoji(), page.items(), found.total(), more));
        });
    }

    private record Reactors(long messageId, List<String> keys, int total) {
    }

    private UserInfo describe(long userId) {
        return room.online(userId).map(OnlineUser::info)
                .or(() -> room.account(userId).map(Room.KnownAccount::info))
                .orElseGet(() -> new UserInfo(userId, userId < 0 ? "guest" : "deleted", userId < 0 ? Role.GUEST : Role.MEMBER));
    }

    private void history(Call call, Chat.History request) {
        OnlineUser user = call.user();
        ConversationKey conversation = conversation(user, request.channelId(), request.userId());
        int limit = request.limit();
        String viewerKey = ChatViews.userKey(user.id(), serverRun);
        call.db(c -> {
            List<StoredMessage> newestFirst = chat.page(c, conversation, request.beforeId(), limit + 1);
            // Bounded by bytes too: 100 messages of 4000 characters, or with many reactions, outgrow a frame.
            PageFiller.Page<ChatMessage> page = pages.fill(withReactions(c, newestFirst, viewerKey).iterator(), limit,
                    Limits.PAGE_BYTES);
            List<ChatMessage> oldestFirst = new ArrayList<>(page.items());
            Collections.reverse(oldestFirst);
            return new Chat.Page(oldestFirst, page.hasMore());
        }, call::reply);
    }

    private void catchUp(Call call, Chat.CatchUp request) {
        OnlineUser user = call.user();
        Set<Long> readable = readableChannels(user);
        Long accountId = user.guest() ? null : user.id();
        int limit = request.limit();
        String viewerKey = ChatViews.userKey(user.id(), serverRun);
        call.db(c -> {
            List<StoredMessage> since = chat.since(c, request.afterId(), readable, accountId, limit + 1);
            PageFiller.Page<ChatMessage> page = pages.fill(withReactions(c, since, viewerKey).iterator(), limit,
                    Limits.PAGE_BYTES);
            return new Chat.Page(page.items(), page.hasMore());
        }, call::reply);
    }

    /** My direct conversations, newest first: the DM list a client shows from sign-in on. Guests have none. */
    private void directs(Call call, Chat.ListDirects request) {
        OnlineUser user = call.user();
        if (user.guest()) {
            call.reply(new Chat.Directs(List.of()));
            return;
        }
        call.db(c -> new Chat.Directs(chat.directPeers(c, user.id(), request.limit())), call::reply);
    }

    private void typing(Call call, Chat.Typing request) {
        OnlineUser user = call.user();
        ConversationKey conversation = conversation(user, request.channelId(), request.userId());
        long now = System.currentTimeMillis();
        TypingTracker.Typist typist = new TypingTracker.Typist(user.id(), conversation);
        call.reply(new Ok());
        TypingTracker.Typed typed = typing.typing(typist, now);
        if (typed.announce()) {
            announceTyping(user, conversation, true);
        }
        if (typed.timerSerial() != 0) {
            armTypingTimer(user, typist, typed.timerSerial(), typing.expiryMillis());
        }
    }

    /** One timer per indicator: it re-arms for the time a refresh added, and announces the end. */
    private void armTypingTimer(OnlineUser user, TypingTracker.Typist typist, long serial, long delayMillis) {
        loop.schedule(() -> {
            long left = typing.check(typist, serial, System.currentTimeMillis());
            if (left == TypingTracker.EXPIRED) {
                announceTyping(user, typist.conversation(), false);
            } else if (left > 0) {
                armTypingTimer(user, typist, serial, left);
            }
        }, delayMillis + TYPING_TIMER_SLACK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void announceTyping(OnlineUser user, ConversationKey conversation, boolean active) {
        Long channelId = conversation instanceof ConversationKey.Channel channel ? channel.channelId() : null;
        Event event = new Chat.TypingChanged(user.id(), user.name(), channelId, active,
                active ? typing.expiryMillis() : 0);
        room.broadcast(event, audience(conversation).and(other -> other != user));
    }

    private void markRead(Call call, Chat.MarkRead request) {
        OnlineUser user = call.user();
        ConversationKey conversation = conversation(user, request.channelId(), request.userId());
        if (user.guest()) {
            call.reply(new Ok());
            return;
        }
        call.db(c -> chat.markRead(c, user.id(), conversation, request.messageId()), lastRead -> call.reply(new Ok()));
    }

    /** Forgets a user's typing indicators when they leave, telling those who saw them. */
    @Override
    public void userLeft(OnlineUser user) {
        typing.forgetUser(user.id()).forEach(conversation -> announceTyping(user, conversation, false));
    }

    private List<ChatMessage> withReactions(Connection c, List<StoredMessage> messages, String viewerKey)
            throws SQLException {
        Map<Long, List<StoredReaction>> reactions = chat.reactionCounts(c, messages.stream().map(StoredMessage::id).toList());
        return messages.stream()
                .map(message -> ChatViews.wire(message, reactions.getOrDefault(message.id(), List.of()), viewerKey))
                .toList();
    }

    /** The conversation a request names, if the caller may read it. */
    private ConversationKey conversation(OnlineUser user, Long channelId, Long peerId) {
        return access.readable(user, channelId, peerId);
    }

    private StoredMessage visibleMessage(Connection c, long messageId, OnlineUser user, Set<Long> readable)
            throws SQLException {
        Optional<StoredMessage> message = chat.findById(c, messageId);
        boolean visible = message.map(found -> found.conversation() instanceof ConversationKey.Channel channel
                ? readable.contains(channel.channelId())
                : ((ConversationKey.Direct) found.conversation()).involves(user.id())).orElse(false);
        if (!visible) {
            throw Refusal.notFound("There is no message " + messageId + ".");
        }
        return message.get();
    }

    private Set<Long> readableChannels(OnlineUser user) {
        return room.channels().infos().stream()
                .map(channel -> channel.id())
                .filter(id -> room.canRead(user, id))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Edits, reactions and deleting one's own message are writing: they need {@code write} now. */
    private Set<Long> writableChannels(OnlineUser user) {
        return room.channels().infos().stream()
                .map(channel -> channel.id())
                .filter(id -> room.canRead(user, id) && room.allows(user, id, Permission.WRITE))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void requireWrite(StoredMessage message, Set<Long> writable) {
        if (message.conversation() instanceof ConversationKey.Channel channel
                && !writable.contains(channel.channelId())) {
            throw Refusal.forbidden("You may not write in this channel.");
        }
    }

    private Set<Long> managedChannels(OnlineUser user) {
        return room.channels().infos().stream()
                .map(channel -> channel.id())
                .filter(id -> room.allows(user, id, Permission.MANAGE))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static ConversationKey conversationOf(ChatMessage message) {
        return message.channelId() != null
                ? ConversationKey.channel(message.channelId())
                : ConversationKey.direct(message.authorId(), message.toUserId());
    }

    /** Each reader of the message's conversation gets their own copy (reactions say whether they reacted). */
    private void tellEach(ChatMessage message, java.util.function.Function<OnlineUser, Event> eventFor) {
        room.broadcastEach(audience(conversationOf(message)), eventFor);
    }

    private void tell(ConversationKey conversation, Event event) {
        room.broadcast(event, audience(conversation));
    }

    private Predicate<OnlineUser> audience(ConversationKey conversation) {
        if (conversation instanceof ConversationKey.Channel channel) {
            return user -> room.canRead(user, channel.channelId());
        }
        ConversationKey.Direct direct = (ConversationKey.Direct) conversation;
        return user -> direct.involves(user.id());
    }
}
