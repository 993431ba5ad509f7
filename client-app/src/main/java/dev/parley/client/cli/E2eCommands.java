package dev.parley.client.cli;

import static dev.parley.client.cli.RoomWait.await;

import dev.parley.client.core.e2e.IdentityStore;
import dev.parley.client.core.e2e.KeyExchange;
import dev.parley.client.core.e2e.Verification;
import dev.parley.client.core.e2e.VerifiedPeers;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.KnownServers;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.UserState;
import dev.parley.protocol.e2e.ChannelKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The headless client's part in shared-key encrypted channels ({@code --publish-identity},
 * {@code --encrypt-for}, {@code --safety-number}) and the keys it was given for the channel it joined.
 * Runs on the CLI's main thread, once per run.
 */
final class E2eCommands {
    private final ControlClient client;
    private final Session.AuthOk auth;
    private final PrintWriter out;
    private final KeyExchange exchange;
    private final VerifiedPeers verified;

    E2eCommands(ControlClient client, Session.AuthOk auth, IdentityStore identities, PrintWriter out) throws IOException {
        this.client = client;
        this.auth = auth;
        this.out = out;
        String room = KnownServers.key(client.server());
        this.exchange = new KeyExchange(client, auth.self().id(), identities.identity(room, auth.self().name()));
        this.verified = identities.verifiedPeers(room);
    }

    void publish() throws ExecutionException {
        await(exchange.publish());
    }

    /**
     * Gives {@code channel} a new shared key for the named members and this account; returns the channel
     * as the room describes it afterwards.
     */
    ChannelInfo encryptFor(ChannelInfo channel, List<String> names) throws ExecutionException {
        List<Long> members = new ArrayList<>();
        Map<Long, String> namesById = new LinkedHashMap<>();
        for (String name : names) {
            UserState member = MemberLookup.find(client, name).orElseThrow(() -> new ExecutionException(
                    new IllegalArgumentException("There is no account '" + name + "' in this room.")));
            members.add(member.id());
            namesById.put(member.id(), member.user().name());
        }
        int epoch = channel.endToEnd() ? channel.e2e().epoch() + 1 : 1;
        CompletableFuture<ChannelInfo> updated = new CompletableFuture<>();
        dev.parley.client.core.Subscription watch = client.on(Channels.Updated.class, event -> {
            if (event.channel().id() == channel.id() && event.channel().endToEnd() && event.channel().e2e().epoch() >= epoch) {
                updated.complete(event.channel());
            }
        });
        try (watch) {
            ChannelKey key = await(exchange.rotate(channel, members).exceptionally(failure -> {
                if (failure.getCause() instanceof KeyExchange.MissingIdentities missing) {
                    throw new java.util.concurrent.CompletionException(new IllegalArgumentException(String.join(", ",
                            missing.userIds().stream().map(namesById::get).toList())
                            + " cannot be given the key yet: they have no identity key (they must sign in once with"
                            + " the app, or the CLI with --publish-identity)."));
                }
                throw failure instanceof java.util.concurrent.CompletionException c ? c
                        : new java.util.concurrent.CompletionException(failure);
            }));
            out.printf("Channel %s has a new key (epoch %d), shared with %s; verification code %s%n", channel.name(),
                    key.epoch(), String.join(", ", namesById.values()), key.verificationCode());
            out.flush();
            return await(updated);
        }
    }

    /** Prints the safety number with {@code name} and whether this user verified that key before. */
    void safetyNumber(String name) throws ExecutionException {
        UserState member = MemberLookup.find(client, name).orElseThrow(() -> new ExecutionException(
                new IllegalArgumentException("There is no account '" + name + "' in this room.")));
        String theirKey = await(exchange.identities(List.of(member.id()))).get(member.id());
        Verification state = verified.state(member.id(), theirKey);
        if (theirKey == null) {
            out.printf("%s has no identity key yet.%n", member.user().name());
        } else {
            out.printf("Safety number with %s: %s (%s)%n", member.user().name(),
                    exchange.safetyNumber(member.id(), theirKey), state.name().toLowerCase(java.util.Locale.ROOT));
        }
        out.flush();
    }

    /** The keys of {@code channel} this account was given, by epoch (empty when it was given none). */
    Map<Integer, KeyExchange.ReceivedKey> keys(ChannelInfo channel) throws ExecutionException {
        return await(exchange.keys(channel.id()));
    }

    /**
     * Keeps {@code engine} on the joined shared-key channel's current key while the run lasts: when a member
     * rotates it, fetches this account's copy (or, removed, finds none) without blocking the event thread.
     */
    dev.parley.client.core.Subscription followRotations(long channelId, int currentEpoch,
                                                        dev.parley.client.core.voice.VoiceEngine engine) {
        java.util.concurrent.atomic.AtomicInteger known = new java.util.concurrent.atomic.AtomicInteger(currentEpoch);
        return client.on(Channels.Updated.class, event -> {
            ChannelInfo channel = event.channel();
            if (channel.id() != channelId || !channel.endToEnd() || !channel.e2e().shared()
                    || channel.e2e().epoch() <= known.get()) {
                return;
            }
            int epoch = channel.e2e().epoch();
            known.set(epoch);
            exchange.keys(channelId).whenComplete((keys, failure) -> {
                KeyExchange.ReceivedKey received = failure == null ? keys.get(epoch) : null;
                engine.setChannelEncryption(true, received == null ? null : received.key());
                out.printf(received != null ? "Channel %s has a new key (epoch %d); verification code %s%n"
                                : "Channel %s has a new key (epoch %d) this account was not given; this client now sends"
                                + " and plays nothing there%s%n", channel.name(), epoch,
                        received != null ? received.key().verificationCode() : "");
                out.flush();
            });
        });
    }
}
