package dev.parley.server.session;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.channel.ChannelHandlers;
import dev.parley.server.channel.PermissionPolicy;
import dev.parley.server.control.Call;
import dev.parley.server.control.CloseCodes;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.auth.TokenGenerations;
import dev.parley.server.moderation.AuditTrail;
import dev.parley.server.moderation.SignInGate;
import dev.parley.server.room.Room;

/** Roles, and moving, kicking and muting other users. Room thread only. */
public final class ModerationHandlers {
    private final Room room;
    private final AccountRepository accounts;
    private final ChannelHandlers channels;
    private final SignIn signIn;
    private final AuditTrail audit;
    private final SignInGate gate;
    private final TokenGenerations generations;

    public ModerationHandlers(Room room, AccountRepository accounts, ChannelHandlers channels, SignIn signIn,
                              AuditTrail audit, SignInGate gate, TokenGenerations generations) {
        this.audit = audit;
        this.gate = gate;
        this.generations = generations;
        this.room = room;
        this.accounts = accounts;
        this.channels = channels;
        this.signIn = signIn;
    }

    public void registerOn(RequestRouter router) {
        router.on(Users.SetRole.class, this::setRole)
                .on(Users.Move.class, this::move)
                .on(Users.Kick.class, this::kick)
                .on(Users.Mute.class, this::mute);
    }

    private void setRole(Call call, Users.SetRole request) {
        if (call.user().role() != Role.ADMIN) {
            throw Refusal.forbidden("Only admins change roles.");
        }
        if (request.userId() == call.user().id()) {
            throw Refusal.forbidden("Admins cannot change their own role.");
        }
        Room.KnownAccount known = room.account(request.userId())
                .orElseThrow(() -> Refusal.notFound("There is no account " + request.userId() + "."));
        call.db(c -> accounts.setRole(c, request.userId(), request.role()), changed -> {
            if (!changed) {
                throw Refusal.notFound("There is no account " + request.userId() + ".");
            }
            UserInfo info = new UserInfo(known.info().id(), known.info().name(), request.role());
            room.remember(new Room.KnownAccount(info, known.lastSeen()));
            audit.record(call.user(), "role", info.id(), info.name(), null, null,
                    known.info().role().wire() + " -> " + request.role().wire());
            call.reply(new Ok());
            room.online(request.userId()).ifPresentOrElse(user -> {
                var before = channels.visibility().snapshot(other -> other == user);
                user.role(request.role());
                channels.visibility().announce(before, java.util.Set.of());
                room.broadcastState(user);
            }, () -> room.broadcastOffline(Room.offlineState(room.account(info.id()).orElseThrow())));
        });
    }

    private void move(Call call, Users.Move request) {
        OnlineUser target = moderatable(call, request.userId(), Permission.MOVE, "move");
        long to = request.channelId();
        if (room.channels().find(to).isEmpty()) {
            throw Refusal.notFound("There is no channel " + to + ".");
        }
        if (!room.allows(call.user(), to, Permission.MOVE)) {
            throw Refusal.forbidden("You may not move people into that channel.");
        }
        // Moved out by a moderator: a password proven for the old channel no longer opens its chat.
        long from = target.channelId();
        room.unlocks().relock(target.id(), from);
        channels.moveUser(target, to);
        audit.record(call.user(), "move", target.id(), target.name(), to, null, "from channel " + from);
        call.reply(new Ok());
    }

    private void kick(Call call, Users.Kick request) {
        OnlineUser target = moderatable(call, request.userId(), Permission.KICK, "kick");
        String reason = request.reason() == null ? "You were removed from the room." : "Kicked: " + request.reason();
        target.link().announceAndClose(CloseCodes.KICKED, "kicked", reason);
        signIn.leave(target);
        room.unlocks().forgetUser(target.id());
        audit.record(call.user(), "kick", target.id(), target.name(), target.channelId(), request.reason(), null);
        // The kicked session's token must not bring it straight back.
        if (target.guest()) {
            gate.revokeGuest(target.id());
            call.reply(new Ok());
        } else {
            call.db(c -> generations.bump(c, target.id()), generation -> call.reply(new Ok()));
        }
    }

    private void mute(Call call, Users.Mute request) {
        OnlineUser target = moderatable(call, request.userId(), Permission.MUTE, "mute");
        target.muted(request.muted());
        audit.record(call.user(), request.muted() ? "mute" : "unmute", target.id(), target.name(), target.channelId(),
                null, null);
        call.reply(new Ok());
        room.broadcastState(target);
    }

    private OnlineUser moderatable(Call call, long targetId, Permission permission, String verb) {
        OnlineUser actor = call.user();
        OnlineUser target = room.online(targetId)
                .orElseThrow(() -> Refusal.notFound("That user is not online."));
        if (target == actor) {
            throw new Refusal(ErrorCode.CONFLICT, "You cannot " + verb + " yourself.");
        }
        if (!room.allows(actor, target.channelId(), permission)) {
            throw Refusal.forbidden("You may not " + verb + " people there.");
        }
        if (actor.role() != Role.ADMIN && !PermissionPolicy.outranks(actor.role(), target.role())) {
            throw Refusal.forbidden("You cannot " + verb + " someone of equal or higher rank.");
        }
        return target;
    }
}
