package dev.parley.client.core.e2e;

import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.E2e;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.E2eMode;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.IdentityKeyPair;
import dev.parley.protocol.e2e.KeyShares;
import dev.parley.protocol.e2e.SafetyNumber;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-in account's part in shared-key encrypted channels: publishing its identity key, opening the
 * copies of channel keys it was given, and making a new key for a channel's members (which is how members
 * are added and removed: each change is a new epoch, so whoever left never gets the next key). Safe from
 * any thread; the futures complete on the client's event thread.
 */
public final class KeyExchange {
    private static final Logger log = LoggerFactory.getLogger(KeyExchange.class);

    private final ControlClient client;
    private final long selfId;
    private final IdentityKeyPair identity;

    public KeyExchange(ControlClient client, long selfId, IdentityKeyPair identity) {
        this.client = client;
        this.selfId = selfId;
        this.identity = identity;
    }

    /** A key this account was given: the channel key of one epoch, and who sealed it with which identity key. */
    public record ReceivedKey(ChannelKey key, long senderId, String senderKey) {
    }

    public String publicKey() {
        return identity.publicKey();
    }

    /** The account whose identity this is. */
    public long selfId() {
        return selfId;
    }

    /** Tells the room this account's identity key, so members can seal channel keys for it. */
    public CompletableFuture<Void> publish() {
        return client.requestOk(new E2e.PublishIdentity(identity.publicKey())).thenApply(ok -> null);
    }

    /** The identity keys the room hands out for {@code userIds}; a user without one is absent. */
    public CompletableFuture<Map<Long, String>> identities(Collection<Long> userIds) {
        List<Long> asked = List.copyOf(new LinkedHashSet<>(userIds));
        return client.request(new E2e.Identities(asked), E2e.IdentitiesInfo.class).thenApply(info -> {
            Map<Long, String> found = new LinkedHashMap<>();
            info.identities().stream().filter(i -> i.publicKey() != null).forEach(i -> found.put(i.userId(), i.publicKey()));
            return found;
        });
    }

    /**
     * Every key of {@code channelId} this account was given, by epoch, opened. A copy that does not open
     * (sealed to an older identity key of this account, or altered) is left out and logged.
     */
    public CompletableFuture<Map<Integer, ReceivedKey>> keys(long channelId) {
        return page(channelId, null, new TreeMap<>());
    }

    private CompletableFuture<Map<Integer, ReceivedKey>> page(long channelId, Integer before,
                                                              Map<Integer, ReceivedKey> found) {
        return client.request(new E2e.Keys(channelId, before), E2e.KeysInfo.class).thenCompose(info -> {
            for (E2e.StoredShare share : info.keys()) {
                try {
                    byte[] opened = KeyShares.open(identity, selfId, channelId, share);
                    found.put(share.epoch(), new ReceivedKey(ChannelKey.fromShared(channelId, share.epoch(), opened),
                            share.senderId(), share.senderKey()));
                    Arrays.fill(opened, (byte) 0);
                } catch (GeneralSecurityException e) {
                    log.warn("The key of channel {} epoch {} from user {} does not open here: {}", channelId,
                            share.epoch(), share.senderId(), e.getMessage());
                }
            }
            if (info.more() && !info.keys().isEmpty()) {
                return page(channelId, info.keys().get(info.keys().size() - 1).epoch(), found);
            }
            return CompletableFuture.completedFuture(found);
        });
    }

    /**
     * Makes a new random key for {@code channel}'s next epoch and gives one sealed copy to each of
     * {@code members} and to this account (turning a plain or passphrase channel into a shared-key one).
     * Fails with {@link MissingIdentities} naming members who have no identity key yet.
     */
    public CompletableFuture<ChannelKey> rotate(ChannelInfo channel, Collection<Long> members) {
        Set<Long> everyone = new LinkedHashSet<>();
        everyone.add(selfId);
        everyone.addAll(members);
        int epoch = channel.endToEnd() ? channel.e2e().epoch() + 1 : 1;
        return identities(everyone).thenCompose(keys -> {
            List<Long> missing = everyone.stream().filter(id -> id != selfId && !keys.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                throw new CompletionException(new MissingIdentities(missing));
            }
            byte[] channelKey = KeyShares.newChannelKey();
            try {
                List<Channels.KeyShare> shares = new ArrayList<>();
                for (long member : everyone) {
                    String recipientKey = member == selfId ? identity.publicKey() : keys.get(member);
                    shares.add(new Channels.KeyShare(member, recipientKey,
                            KeyShares.seal(identity, selfId, member, recipientKey, channel.id(), epoch, channelKey)));
                }
                ChannelKey made = ChannelKey.fromShared(channel.id(), epoch, channelKey);
                return client.requestOk(new Channels.Rekey(channel.id(), E2eMode.SHARED, epoch, identity.publicKey(),
                        shares)).thenApply(ok -> made);
            } catch (GeneralSecurityException e) {
                throw new CompletionException(e);
            } finally {
                Arrays.fill(channelKey, (byte) 0);
            }
        });
    }

    /** The number this user and {@code userId} compare; the same on both sides when no key was swapped. */
    public String safetyNumber(long userId, String theirKey) {
        return SafetyNumber.between(selfId, identity.publicKey(), userId, theirKey);
    }

    /** Members named in a rotation who cannot be given a key yet: they never published an identity key. */
    public static final class MissingIdentities extends RuntimeException {
        private final List<Long> userIds;

        MissingIdentities(List<Long> userIds) {
            super("No identity key yet for user" + (userIds.size() == 1 ? " " : "s ") + userIds
                    + ": they must sign in once with a Parley client that makes one.");
            this.userIds = List.copyOf(userIds);
        }

        public List<Long> userIds() {
            return userIds;
        }
    }
}
