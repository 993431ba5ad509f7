package dev.parley.server.invites;

import dev.parley.protocol.control.message.Invites;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.channel.Channel;
import dev.parley.server.channel.ChannelTree;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.moderation.AuditTrail;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Admins and moderators create, list and revoke invite codes. Room thread only. */
public final class InviteHandlers {
    private final Room room;
    private final InviteRepository invites;
    private final InviteCodes codes;
    private final AuditTrail audit;
    private final Clock clock;

    public InviteHandlers(Room room, InviteRepository invites, InviteCodes codes, AuditTrail audit, Clock clock) {
        this.room = room;
        this.invites = invites;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    public void registerOn(RequestRouter router) {
        router.on(Invites.Create.class, this::create)
                .on(Invites.ListInvites.class, this::list)
                .on(Invites.Revoke.class, this::revoke);
    }

    private void create(Call call, Invites.Create request) {
        OnlineUser user = requireManager(call);
        if (!InviteRules.mayGrant(user.role(), request.role())) {
            throw Refusal.forbidden("You may not hand out the role " + request.role().wire()
                    + ": an invite grants at most your own role.");
        }
        long channelId = request.channelId() == null ? ChannelTree.LOBBY_ID : request.channelId();
        Channel channel = room.channels().find(channelId).filter(found -> room.canSee(user, found.id()))
                .orElseThrow(() -> Refusal.notFound("There is no channel " + channelId + "."));
        if (!room.allows(user, channelId, Permission.ENTER)) {
            throw Refusal.forbidden("You may not enter that channel, so you cannot invite people into it.");
        }
        if (channel.hasPassword()) {
            // Landing in a channel would skip its password (being in it lets one read it).
            throw Refusal.forbidden("Invites cannot land in a channel with a password; pick another channel.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = request.expiresInMinutes() == null ? null
                : now.plus(Duration.ofMinutes(request.expiresInMinutes()));
        StoredInvite draft = new StoredInvite(0, codes.next(), request.role(), channelId, request.maxUses(), 0, expires,
                now, user.id(), user.name(), null);
        call.db(c -> invites.insert(c, draft), stored -> {
            call.reply(new Invites.Created(stored.info(user.role())));
            audit.record(user, "invite.create", stored.id(), null, channelId, null,
                    request.role().wire() + ", " + request.maxUses() + " uses"
                            + (expires == null ? "" : ", expires " + expires));
        });
    }

    private void list(Call call, Invites.ListInvites request) {
        OnlineUser user = requireManager(call);
        call.db(c -> invites.notRevoked(c, Invites.Page.MAX_LISTED * 4), found -> call.reply(new Invites.Page(
                found.stream().filter(invite -> InviteRules.mayGrant(user.role(), invite.role()))
                        .limit(Invites.Page.MAX_LISTED)
                        .map(invite -> invite.info(creatorRole(invite)))
                        .toList())));
    }

    private void revoke(Call call, Invites.Revoke request) {
        OnlineUser user = requireManager(call);
        Instant now = clock.instant();
        call.db(c -> {
            StoredInvite invite = invites.findById(c, request.inviteId()).filter(found -> found.revokedAt() == null)
                    .orElseThrow(() -> Refusal.notFound("There is no invite " + request.inviteId() + " to revoke."));
            if (!InviteRules.mayGrant(user.role(), invite.role())) {
                throw Refusal.forbidden("Only an admin may revoke an invite that makes admins.");
            }
            invites.revoke(c, invite.id(), now);
            return invite;
        }, invite -> {
            call.reply(new Ok());
            audit.record(user, "invite.revoke", invite.id(), null, invite.channelId(), null, null);
        });
    }

    private Role creatorRole(StoredInvite invite) {
        return room.account(invite.createdBy()).map(account -> account.info().role()).orElse(Role.MEMBER);
    }

    private static OnlineUser requireManager(Call call) {
        OnlineUser user = call.user();
        if (!InviteRules.mayManage(user.role())) {
            throw Refusal.forbidden("Only admins and moderators manage invites.");
        }
        return user;
    }
}
