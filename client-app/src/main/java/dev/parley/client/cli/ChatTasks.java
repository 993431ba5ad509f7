package dev.parley.client.cli;

import dev.parley.client.core.e2e.SealedSearch;
import dev.parley.client.core.export.ExportJob;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.search.MessageMatcher;
import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The CLI's chat errands: export a conversation, search. Runs on the CLI's thread, blocking. */
final class ChatTasks {
    private final ControlClient client;
    private final Session.AuthOk auth;
    private final PrintWriter out;

    ChatTasks(ControlClient client, Session.AuthOk auth, PrintWriter out) {
        this.client = client;
        this.auth = auth;
        this.out = out;
    }

    /** The direct conversation with an account given by id or name. @throws IllegalArgumentException if none */
    Conversation direct(String who) throws Exception {
        return Conversation.direct(MemberLookup.find(client, who)
                .orElseThrow(() -> new IllegalArgumentException("no account '" + who + "'")).id());
    }

    void export(Conversation conversation, String title, Path target, boolean includeFiles,
            java.util.function.UnaryOperator<ChatMessage> reader) {
        String room = client.serverInfo().map(Session.HelloOk::serverName).orElse(null);
        ExportJob.Result result = new ExportJob(client, Clock.systemUTC(), reader)
                .run(conversation, title, room, auth.self().name(), target, includeFiles, progress -> { });
        for (ExportJob.Problem problem : result.problems()) {
            out.printf("Could not include the file of message #%d (%s): %s%n", problem.messageId(), problem.fileName(),
                    problem.reason());
        }
        for (Path written : result.written()) {
            out.printf("Exported %d messages of %s to %s%n", result.messages(), title, written);
        }
        if (result.files() > 0) {
            out.printf("Saved %d file%s in %s%n", result.files(), result.files() == 1 ? "" : "s",
                    dev.parley.client.core.export.ExportNames.filesFolder(target));
        }
        out.flush();
    }

    /**
     * What {@code --search} narrows by besides the words: who wrote it (an account name or id), a day range
     * (from the start of {@code onOrAfter} to the end of {@code onOrBefore}, UTC) and whether a file is attached.
     */
    record SearchFilters(String from, java.time.LocalDate onOrAfter, java.time.LocalDate onOrBefore, boolean hasFile) {
        static final SearchFilters NONE = new SearchFilters(null, null, null, false);
    }

    /** The request {@code --search} makes: the words, where, and the filters resolved (a name to an account). */
    Search.Query query(String text, Conversation within, SearchFilters filters, int limit) throws Exception {
        Long channelId = within instanceof Conversation.Channel channel ? channel.channelId() : null;
        Long userId = within instanceof Conversation.Direct direct ? direct.peerId() : null;
        Long fromUserId = filters.from() == null ? null : ((Conversation.Direct) direct(filters.from())).peerId();
        Long after = filters.onOrAfter() == null ? null
                : filters.onOrAfter().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        Long before = filters.onOrBefore() == null ? null
                : filters.onOrBefore().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        return new Search.Query(text, channelId, userId, fromUserId, after, before, filters.hasFile() ? Boolean.TRUE : null,
                null, limit);
    }

    /** Prints up to {@code limit} matches, newest first, one line each with where to find them. */
    void search(String text, Conversation within, SearchFilters filters, int limit) throws Exception {
        Search.Results results = await(client.request(query(text, within, filters, limit), Search.Results.class));
        List<ChatMessage> found = results.messages();
        out.printf("%d result%s for \"%s\"%s%n", found.size(), found.size() == 1 ? "" : "s", text == null ? "" : text,
                results.hasMore() ? " (more exist)" : "");
        for (ChatMessage message : found) {
            String where = message.channelId() != null ? "channel " + message.channelId()
                    : "DM with " + (message.authorId() == auth.self().id() ? "user " + message.toUserId() : message.authorName());
            String file = message.file() == null ? "" : "  [file: " + message.file().name() + "]";
            out.printf(Locale.ROOT, "#%d  %s  %s  %s: %s%s%n", message.id(), Instant.ofEpochMilli(message.ts()), where,
                    message.authorName(), message.text().replace('\n', ' '), file);
        }
        out.flush();
    }

    /**
     * Search in an end-to-end encrypted channel, on this client: the room indexes no words there, so the
     * channel's newest messages are read, opened with {@code keysByEpoch} and matched here by the room's rules
     * ({@link SealedSearch}, {@link MessageMatcher}), as the app does.
     */
    void searchSealed(String text, Conversation.Channel channel, SearchFilters filters,
            java.util.Map<Integer, ChannelKey> keysByEpoch, int limit) throws Exception {
        if (keysByEpoch.isEmpty()) {
            out.println("The channel is end-to-end encrypted and this client holds none of its keys: give its"
                    + " --passphrase (or, in a shared-key channel, ask a member to add you) to search it.");
            out.flush();
            return;
        }
        MessageMatcher matcher = MessageMatcher.of(query(text, channel, filters, limit));
        // Opening runs on the client's event thread here: this thread only waits for the whole search.
        SealedSearch.Outcome outcome = new SealedSearch(client, Runnable::run)
                .search(channel.channelId(), keysByEpoch, matcher, () -> false)
                .get(5, TimeUnit.MINUTES);
        List<ChatMessage> found = outcome.matches().subList(0, Math.min(limit, outcome.matches().size()));
        out.printf("%d result%s for \"%s\" (searched on this client: the channel is end-to-end encrypted)%s%n",
                found.size(), found.size() == 1 ? "" : "s", text == null ? "" : text,
                outcome.matches().size() > found.size() ? " (more exist)" : "");
        if (outcome.stoppedAtLimit()) {
            out.printf("Only the newest %,d messages were searched.%n", outcome.read());
        }
        if (outcome.unopened() > 0) {
            out.printf("%d message%s could not be opened with the keys held here and were not searched.%n",
                    outcome.unopened(), outcome.unopened() == 1 ? "" : "s");
        }
        for (ChatMessage message : found) {
            out.printf(Locale.ROOT, "#%d  %s  channel %d  %s: %s%n", message.id(), Instant.ofEpochMilli(message.ts()),
                    message.channelId(), message.authorName(), message.text().replace('\n', ' '));
        }
        out.flush();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }
}
