package dev.parley.client.ui.e2e;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.e2e.IdentityStore;
import dev.parley.client.core.e2e.KeyExchange;
import dev.parley.client.core.e2e.Verification;
import dev.parley.client.core.e2e.VerifiedPeers;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.core.room.RoomState;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.protocol.control.model.UserState;
import dev.parley.protocol.e2e.ChannelKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This session's part in shared-key channels: its identity key (made or read on the background executor,
 * published at every sign-in of an account), the channel keys it was given (opened into {@link ChannelKeys}),
 * the members' verification states and safety numbers, and new keys for a changed set of members. Thread-safe;
 * the futures complete on the client's event thread or the background executor, never on the UI thread, so
 * callers hand results to the UI themselves.
 */
final class SharedKeyring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedKeyring.class);
    /** At most this many pages (of 100) of the room's accounts are read to name members and offer new ones. */
    private static final int MAX_ACCOUNT_PAGES = 5;

    private final ControlClient client;
    private final RoomState room;
    private final IdentityStore identities;
    private final Executor background;
    private final ChannelKeys keys;
    private final String roomKey;
    /** This account's key exchange; fails for a guest or when the identity key can't be read. */
    private final CompletableFuture<KeyExchange> exchange = new CompletableFuture<>();
    /** The latest publication of the identity key: a new key is sealed only once the room has mine. */
    private volatile CompletableFuture<Void> published = new CompletableFuture<>();
    private volatile Subscription signedIn;

    /** @param background where the identity and verification files are read and safety numbers computed */
    SharedKeyring(ControlClient client, RoomState room, IdentityStore identities, Executor background, ChannelKeys keys) {
        this.client = client;
        this.room = room;
        this.identities = identities;
        this.background = background;
        this.keys = keys;
        this.roomKey = KnownServers.key(client.server());
        client.eventLoop().executeIfRunning(() -> {
            // The session starts signed in already; later sign-ins (reconnects) publish again.
            signedIn = client.onSignedIn(auth -> signedIn(auth.self()));
            room.self().ifPresent(this::signedIn);
        });
    }

    /** Event thread: makes sure the room has this desktop's identity key for the account. */
    private void signedIn(UserInfo self) {
        if (self.guest()) {
            exchange.completeExceptionally(new IllegalArgumentException(
                    "Guests hold no keys of shared-key channels: sign in with an account."));
            published.complete(null);
            return;
        }
        background.execute(() -> {
            if (!exchange.isDone()) {
                try {
                    exchange.complete(new KeyExchange(client, self.id(), identities.identity(roomKey, self.name())));
                } catch (IOException | RuntimeException e) {
                    exchange.completeExceptionally(e);
                }
            }
            CompletableFuture<Void> publishing = exchange.thenCompose(KeyExchange::publish);
            published = publishing;
            publishing.whenComplete((ok, failure) -> {
                if (failure != null) {
                    // Not fatal: passphrase and plain channels work; shared ones wait for the next sign-in.
                    log.warn("Could not publish the identity key for {}: {}", roomKey, failure.getMessage());
                } else {
                    log.info("Identity key published for {}", roomKey);
                }
            });
        });
    }

    /** Fetches the keys of {@code channelId} this account was given and keeps every one that opens. */
    CompletableFuture<Void> fetch(long channelId) {
        return exchange.thenCompose(x -> x.keys(channelId)).thenAccept(received -> {
            received.values().forEach(key -> keys.put(key.key()));
            log.debug("Channel {}: {} shared key(s) opened", channelId, received.size());
        });
    }

    /**
     * The current members of {@code channel} with where each one's identity key stands and our safety numbers;
     * empty for a channel that is not shared yet.
     */
    CompletableFuture<List<SharedMembers.Member>> members(ChannelInfo channel, LongFunction<String> names) {
        List<Long> members = channel.endToEnd() && channel.e2e().shared() ? channel.e2e().members() : List.of();
        if (members.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return exchange.thenCompose(x -> {
            List<Long> others = members.stream().filter(id -> id != x.selfId()).toList();
            CompletableFuture<Map<Long, String>> published = others.isEmpty()
                    ? CompletableFuture.completedFuture(Map.of()) : x.identities(others);
            return published.thenApplyAsync(found -> {
                VerifiedPeers verified = identities.verifiedPeers(roomKey);
                List<SharedMembers.Member> rows = new ArrayList<>();
                for (long id : members) {
                    boolean self = id == x.selfId();
                    String key = self ? x.publicKey() : found.get(id);
                    rows.add(new SharedMembers.Member(id, names.apply(id), self,
                            self ? Verification.VERIFIED : verified.state(id, key), key,
                            self || key == null ? null : x.safetyNumber(id, key)));
                }
                return SharedMembers.ordered(rows);
            }, background);
        });
    }

    /** Remembers that the user compared the safety number made with {@code key} and it matched. */
    CompletableFuture<Void> markVerified(long userId, String key) {
        return CompletableFuture.runAsync(() -> identities.verifiedPeers(roomKey).markVerified(userId, key), background);
    }

    /**
     * Gives {@code channelId} a new key shared with {@code others} and me, sealed for the epoch after the one the
     * room shows now; the key is kept here at once. Fails with {@link KeyExchange.MissingIdentities} when someone
     * has no identity key.
     */
    CompletableFuture<ChannelKey> rotate(long channelId, Collection<Long> others) {
        CompletableFuture<ChannelInfo> current = new CompletableFuture<>();
        boolean queued = client.eventLoop().executeIfRunning(() -> room.channel(channelId).ifPresentOrElse(
                current::complete, () -> current.completeExceptionally(
                        new IllegalArgumentException("That channel is gone."))));
        if (!queued) {
            current.completeExceptionally(new IllegalArgumentException("Not connected to the room."));
        }
        // The room checks that the copies come from my published key: wait for it (a failure shows in rotate).
        CompletableFuture<Void> mine = published.handle((ok, failure) -> null);
        return current.thenCombine(mine, (channel, ok) -> channel)
                .thenCompose(channel -> exchange.thenCompose(x -> x.rotate(channel, others))).thenApply(key -> {
            keys.put(key);
            log.info("Channel {} has a new shared key (epoch {}) for {} other member(s)", channelId, key.epoch(),
                    others.size());
            return key;
        });
    }

    /** The room's accounts (guests have no identity key), by id: to name members and offer whom to add. */
    CompletableFuture<Map<Long, String>> accounts() {
        return accountsPage(null, 0, new LinkedHashMap<>());
    }

    private CompletableFuture<Map<Long, String>> accountsPage(String after, int page, Map<Long, String> found) {
        return client.request(new Directory.ListMembers(after, null), Directory.MemberPage.class).thenCompose(reply -> {
            for (UserState member : reply.members()) {
                if (!member.user().guest()) {
                    found.put(member.id(), member.user().name());
                }
            }
            if (reply.hasMore() && page + 1 < MAX_ACCOUNT_PAGES && !reply.members().isEmpty()) {
                return accountsPage(reply.members().get(reply.members().size() - 1).user().name(), page + 1, found);
            }
            return CompletableFuture.completedFuture(found);
        });
    }

    /** My account id once the identity is ready (the dialog marks my own row). */
    CompletableFuture<Long> selfId() {
        return exchange.thenApply(KeyExchange::selfId);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        client.eventLoop().executeIfRunning(() -> {
            if (signedIn != null) {
                signedIn.close();
            }
        });
    }
}
