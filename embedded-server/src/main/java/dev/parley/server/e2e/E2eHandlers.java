package dev.parley.server.e2e;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.E2e;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.E2eMode;
import dev.parley.protocol.control.model.Permission;
import dev.parley.server.channel.Channel;
import dev.parley.server.channel.ChannelRepository;
import dev.parley.server.channel.ChannelTree;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.moderation.AuditTrail;
import dev.parley.server.room.Room;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * End-to-end encrypted channels' keys, as far as the server has a part in them: turning encryption on and
 * moving to a new epoch ({@code channel.rekey}, both modes), identity keys, and handing each member its
 * sealed copies. Room thread only; the database work runs on the database thread.
 */
public final class E2eHandlers {
    private final Room room;
    private final ChannelRepository channels;
    private final KeyShareRepository keys;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom saltRandom = new SecureRandom();

    public E2eHandlers(Room room, ChannelRepository channels, KeyShareRepository keys, AuditTrail audit, Clock clock) {
        this.room = room;
        this.channels = channels;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    public void registerOn(RequestRouter router) {
        router.on(Channels.Rekey.class, this::rekey)
                .on(E2e.PublishIdentity.class, this::publish)
                .on(E2e.Identities.class, this::identities)
                .on(E2e.Keys.class, this::keys);
    }

    private void rekey(Call call, Channels.Rekey request) {
        Channel channel = room.channels().find(request.channelId())
                .filter(found -> room.canSee(call.user(), found.id()))
                .orElseThrow(() -> Refusal.notFound("There is no channel " + request.channelId() + "."));
        if (!room.allows(call.user(), channel.id(), Permission.MANAGE)) {
            throw Refusal.forbidden("You may not change this channel's encryption.");
        }
        int next = channel.endToEnd() ? channel.e2e().epoch() + 1 : 1;
        byte[] salt = new byte[16];
        saltRandom.nextBytes(salt);
        String saltText = Base64.getEncoder().encodeToString(salt);
        if (request.mode() != E2eMode.SHARED) {
            ChannelE2e e2e = new ChannelE2e(next, saltText);
            call.db(c -> {
                requireEpoch(c, channel.id(), next);
                channels.setE2e(c, channel.id(), e2e);
                return channels.findById(c, channel.id()).orElseThrow();
            }, updated -> announce(call, updated));
            return;
        }
        if (call.user().guest()) {
            throw Refusal.forbidden("Only accounts hold keys of shared-key channels.");
        }
        if (request.epoch() != next) {
            throw staleEpoch(next - 1);
        }
        long self = call.user().id();
        if (request.shares().stream().noneMatch(share -> share.userId() == self)) {
            throw new Refusal(ErrorCode.INVALID_FIELD,
                    "shares: must include a copy for you, or you could not read the channel yourself.");
        }
        List<Long> members = request.shares().stream().map(Channels.KeyShare::userId).sorted().toList();
        ChannelE2e e2e = new ChannelE2e(next, saltText, E2eMode.SHARED, members);
        call.db(c -> {
            requireEpoch(c, channel.id(), next);
            Map<Long, String> published = keys.identities(c, members);
            if (!request.senderKey().equals(published.get(self))) {
                throw new Refusal(ErrorCode.CONFLICT, "senderKey is not your published identity key: publish it first.");
            }
            for (Channels.KeyShare share : request.shares()) {
                String key = published.get(share.userId());
                if (key == null) {
                    throw new Refusal(ErrorCode.CONFLICT, "User " + share.userId()
                            + " has no identity key yet (an account that has signed in with a client that makes one).");
                }
                if (!key.equals(share.recipientKey())) {
                    throw new Refusal(ErrorCode.CONFLICT, "User " + share.userId()
                            + " has a new identity key; fetch it and seal their copy again.");
                }
            }
            keys.store(c, channel.id(), next, self, request.senderKey(), request.shares());
            channels.setE2e(c, channel.id(), e2e);
            return channels.findById(c, channel.id()).orElseThrow();
        }, updated -> announce(call, updated));
    }

    /** Checked in the transaction: two rekeys of one channel run one after the other there. */
    private void requireEpoch(java.sql.Connection c, long channelId, int next) throws java.sql.SQLException {
        Channel stored = channels.findById(c, channelId)
                .orElseThrow(() -> Refusal.notFound("There is no channel " + channelId + "."));
        int current = stored.endToEnd() ? stored.e2e().epoch() : 0;
        if (current + 1 != next) {
            throw staleEpoch(current);
        }
    }

    private static Refusal staleEpoch(int current) {
        return new Refusal(ErrorCode.CONFLICT, "This channel's key is at epoch " + current
                + " now (someone changed it meanwhile); seal for epoch " + (current + 1) + ".");
    }

    private void announce(Call call, Channel updated) {
        room.channels().put(updated);
        long id = updated.id();
        ChannelE2e e2e = updated.e2e();
        audit.record(call.user(), "channel.rekey", null, null, id, null,
                "epoch " + e2e.epoch() + (e2e.shared() ? ", shared with " + e2e.members().size() : ""));
        call.reply(new Ok());
        room.broadcast(new Channels.Updated(ChannelTree.info(updated)), user -> room.canSee(user, id));
    }

    private void publish(Call call, E2e.PublishIdentity request) {
        if (call.user().guest()) {
            throw Refusal.forbidden("Only accounts have identity keys: a guest's id lasts one visit.");
        }
        long self = call.user().id();
        call.db(c -> {
            keys.publish(c, self, request.publicKey(), clock.instant());
            return null;
        }, done -> call.reply(new Ok()));
    }

    private void identities(Call call, E2e.Identities request) {
        List<Long> asked = request.userIds();
        call.db(c -> keys.identities(c, asked), found -> call.reply(new E2e.IdentitiesInfo(asked.stream()
                .distinct().map(id -> new E2e.Identity(id, found.get(id))).toList())));
    }

    private void keys(Call call, E2e.Keys request) {
        long channelId = request.channelId();
        if (room.channels().find(channelId).filter(found -> room.canSee(call.user(), channelId)).isEmpty()) {
            throw Refusal.notFound("There is no channel " + channelId + ".");
        }
        long self = call.user().id();
        int limit = Limits.MAX_E2E_KEYS_PAGE;
        call.db(c -> keys.sharesFor(c, channelId, self, request.beforeEpoch(), limit + 1), found -> call.reply(
                new E2e.KeysInfo(channelId, found.subList(0, Math.min(limit, found.size())), found.size() > limit)));
    }
}
