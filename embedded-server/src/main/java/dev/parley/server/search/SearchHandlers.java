package dev.parley.server.search;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.server.chat.ChatChanges;
import dev.parley.server.chat.ChatRepository;
import dev.parley.server.chat.ChatViews;
import dev.parley.server.chat.ConversationAccess;
import dev.parley.server.chat.ConversationKey;
import dev.parley.server.chat.StoredMessage;
import dev.parley.server.chat.StoredReaction;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.directory.PageFiller;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code chat.search} and {@code chat.around}, and keeping the index in step with chat.
 *
 * <p>Permissions are decided twice. On the room thread the caller's readable channels (now) and
 * their account resolve into the index query's filter, so the index cannot return anything else.
 * Then every hit is re-read from the database and re-checked against the same rules and the
 * message's current state (deleted, moved by an account removal, edited): the index only proposes
 * ids, the database decides what is shown. A stale index can make a page short, never leak.
 *
 * <p>Threads: handlers and {@link ChatChanges} callbacks run on the room thread; index work on the
 * index's thread; row checks on the database executor.
 */
public final class SearchHandlers implements ChatChanges {
    /** Hits asked of the index per page beyond the page size, to absorb stale ones. */
    private static final int SLACK = 10;

    private final Room room;
    private final ConversationAccess access;
    private final SearchIndex index;
    private final SearchRows rows;
    private final ChatRepository chat;
    private final String serverRun;
    private final PageFiller pages = new PageFiller(new ControlCodec());

    public SearchHandlers(Room room, SearchIndex index, SearchRows rows, ChatRepository chat, String serverRun) {
        this.room = room;
        this.access = new ConversationAccess(room);
        this.index = index;
        this.rows = rows;
        this.chat = chat;
        this.serverRun = serverRun;
    }

    public void registerOn(RequestRouter router) {
        router.on(Search.Query.class, this::search)
                .on(Search.Around.class, this::around);
    }

    private void search(Call call, Search.Query request) {
        OnlineUser user = call.user();
        ConversationKey within = request.channelId() != null || request.userId() != null
                ? conversation(user, request.channelId(), request.userId()) : null;
        SearchCriteria criteria = new SearchCriteria(request.text(), within, readableChannels(user),
                user.guest() ? null : user.id(), request.fromUserId(), request.after(), request.before(),
                Boolean.TRUE.equals(request.hasFile()), request.beforeId());
        int limit = request.limit();
        String viewerKey = ChatViews.userKey(user.id(), serverRun);
        call.await(index.search(criteria, limit + SLACK), hits -> call.db(c -> {
            Map<Long, StoredMessage> found = rows.byIds(c, hits.ids());
            List<StoredMessage> admitted = new ArrayList<>();
            long lastExamined = 0;
            int examined = 0;
            for (long id : hits.ids()) {
                if (admitted.size() == limit) {
                    break;
                }
                lastExamined = id;
                examined++;
                StoredMessage message = found.get(id);
                if (message != null && criteria.admits(id, message.createdAt().toEpochMilli(), message.conversation(),
                        message.authorId(), message.deleted(), message.file() != null)) {
                    admitted.add(message);
                }
            }
            boolean indexHasMore = hits.more() || examined < hits.ids().size();
            PageFiller.Page<ChatMessage> page = pages.fill(wire(c, admitted, viewerKey).iterator(), limit,
                    Limits.PAGE_BYTES);
            if (page.hasMore()) {
                // cut by bytes: continue after the last message that fitted
                return new Search.Results(page.items(), true, page.items().get(page.items().size() - 1).id());
            }
            return new Search.Results(page.items(), indexHasMore, indexHasMore ? lastExamined : null);
        }, call::reply));
    }

    private void around(Call call, Search.Around request) {
        OnlineUser user = call.user();
        Set<Long> readable = readableChannels(user);
        Long accountId = user.guest() ? null : user.id();
        String viewerKey = ChatViews.userKey(user.id(), serverRun);
        call.db(c -> {
            StoredMessage centre = rows.byIds(c, List.of(request.messageId())).get(request.messageId());
            if (centre == null || !readable(centre.conversation(), readable, accountId)) {
                throw Refusal.notFound("There is no message " + request.messageId() + ".");
            }
            List<StoredMessage> older = request.before() == 0 ? List.of()
                    : chat.page(c, centre.conversation(), centre.id(), request.before() + 1);
            List<StoredMessage> newer = rows.after(c, centre.conversation(), centre.id(), request.after() + 1);
            boolean hasOlder = older.size() > request.before();
            boolean hasNewer = newer.size() > request.after();
            List<StoredMessage> window = new ArrayList<>(older.subList(0, Math.min(older.size(), request.before())));
            Collections.reverse(window);
            window.add(centre);
            window.addAll(newer.subList(0, Math.min(newer.size(), request.after())));
            // 101 messages of 4000 characters would outgrow a frame: keep the centre, trim the far ends.
            List<ChatMessage> wired = wire(c, window, viewerKey);
            while (pages.size(wired) > Limits.PAGE_BYTES && wired.size() > 1) {
                int centreAt = indexOf(wired, centre.id());
                boolean dropOldest = centreAt > wired.size() - 1 - centreAt;
                wired = dropOldest ? wired.subList(1, wired.size()) : wired.subList(0, wired.size() - 1);
                hasOlder |= dropOldest;
                hasNewer |= !dropOldest;
            }
            return new Search.Context(centre.id(), wired, hasOlder, hasNewer);
        }, call::reply);
    }

    private static int indexOf(List<ChatMessage> messages, long id) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private List<ChatMessage> wire(Connection c, List<StoredMessage> messages, String viewerKey) throws SQLException {
        Map<Long, List<StoredReaction>> reactions = chat.reactionCounts(c, messages.stream().map(StoredMessage::id).toList());
        return messages.stream()
                .map(message -> ChatViews.wire(message, reactions.getOrDefault(message.id(), List.of()), viewerKey))
                .toList();
    }

    private static boolean readable(ConversationKey conversation, Set<Long> readable, Long accountId) {
        return conversation instanceof ConversationKey.Channel channel
                ? readable.contains(channel.channelId())
                : accountId != null && ((ConversationKey.Direct) conversation).involves(accountId);
    }

    /** The one conversation a search names, if the caller may read it (the same answers as chat.history). */
    private ConversationKey conversation(OnlineUser user, Long channelId, Long peerId) {
        return access.readable(user, channelId, peerId);
    }

    private Set<Long> readableChannels(OnlineUser user) {
        return room.channels().infos().stream()
                .map(channel -> channel.id())
                .filter(id -> room.canRead(user, id))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void posted(ChatMessage message) {
        index.put(indexed(message));
    }

    @Override
    public void edited(ChatMessage message) {
        index.put(indexed(message));
    }

    @Override
    public void deleted(long messageId) {
        index.remove(messageId);
    }

    static IndexedMessage indexed(ChatMessage message) {
        ConversationKey conversation = message.channelId() != null ? ConversationKey.channel(message.channelId())
                : ConversationKey.direct(message.authorId(), message.toUserId());
        // a message carries a file from its post (file.upload.finish) until it is deleted, which removes it
        return new IndexedMessage(message.id(), message.ts(), conversation,
                message.authorId() > 0 ? message.authorId() : null, message.text(), message.file() != null);
    }
}
