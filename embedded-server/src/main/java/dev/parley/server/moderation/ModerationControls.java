package dev.parley.server.moderation;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Moderation;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.AuditEntry;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.auth.TokenGenerations;
import dev.parley.server.channel.PermissionPolicy;
import dev.parley.server.control.Call;
import dev.parley.server.control.ClientConnection;
import dev.parley.server.control.CloseCodes;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import dev.parley.server.session.SignIn;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Bans (and lifting them), admins deleting accounts, and reading the audit log. Room thread only. */
public final class ModerationControls {
    private final Room room;
    private final SignIn signIn;
    private final SignInGate gate;
    private final BanRepository bans;
    private final AuditLog auditLog;
    private final AuditTrail audit;
    private final TokenGenerations generations;
    private final AccountRemoval removal;
    private final Clock clock;

    public ModerationControls(Room room, SignIn signIn, SignInGate gate, BanRepository bans, AuditLog auditLog,
                              AuditTrail audit, TokenGenerations generations, AccountRemoval removal, Clock clock) {
        this.room = room;
        this.signIn = signIn;
        this.gate = gate;
        this.bans = bans;
        this.auditLog = auditLog;
        this.audit = audit;
        this.generations = generations;
        this.removal = removal;
        this.clock = clock;
    }

    public void registerOn(RequestRouter router) {
        router.on(Moderation.Ban.class, this::ban)
                .on(Moderation.BanList.class, this::list)
                .on(Moderation.BanLift.class, this::lift)
                .on(Moderation.DeleteUser.class, this::deleteUser)
                .on(Moderation.AuditList.class, this::auditPage);
    }

    private void ban(Call call, Moderation.Ban request) {
        OnlineUser actor = moderator(call);
        long targetId = request.userId();
        if (targetId == actor.id()) {
            throw new Refusal(ErrorCode.CONFLICT, "You cannot ban yourself.");
        }
        Optional<OnlineUser> online = room.online(targetId);
        Role targetRole;
        String targetName;
        if (online.isPresent()) {
            targetRole = online.get().role();
            targetName = online.get().name();
        } else {
            Room.KnownAccount known = targetId > 0 ? room.account(targetId).orElse(null) : null;
            if (known == null) {
                throw Refusal.notFound(targetId > 0 ? "There is no account " + targetId + "." : "That guest is not online.");
            }
            targetRole = known.info().role();
            targetName = known.info().name();
        }
        if (actor.role() != Role.ADMIN && !PermissionPolicy.outranks(actor.role(), targetRole)) {
            throw Refusal.forbidden("You cannot ban someone of equal or higher rank.");
        }
        String address = null;
        if (request.address() || targetId < 0) {
            // Guests have nothing but their address to be recognised by.
            address = online.map(ModerationControls::addressOf)
                    .orElseThrow(() -> new Refusal(ErrorCode.CONFLICT, "The address of an offline account is not known."));
        }
        Instant now = clock.instant();
        Instant expires = request.durationMs() == null ? null : now.plusMillis(request.durationMs());
        StoredBan draft = new StoredBan(0, targetId > 0 ? targetId : null, targetId, targetName, address,
                request.reason(), now, expires, actor.id(), actor.name());
        call.db(c -> {
            StoredBan stored = bans.insert(c, draft);
            if (targetId > 0) {
                generations.bump(c, targetId);
            }
            return stored;
        }, stored -> {
            gate.add(stored);
            room.unlocks().forgetUser(targetId);
            if (targetId < 0) {
                gate.revokeGuest(targetId);
            }
            audit.record(actor, "ban", targetId, stored.subjectName(), null, request.reason(),
                    (stored.expiresAt() == null ? "until lifted" : "until " + stored.expiresAt())
                            + (stored.address() == null ? "" : ", address " + stored.address()));
            // Out of the room (and the relay's roster) before the ok: no audio of theirs is relayed after it.
            room.online(targetId).ifPresent(user -> {
                user.link().announceAndClose(CloseCodes.BANNED, "banned",
                        request.reason() == null ? "You were banned from this room." : "Banned: " + request.reason());
                signIn.leave(user);
            });
            call.reply(new Ok());
        });
    }

    private void list(Call call, Moderation.BanList request) {
        moderator(call);
        int limit = request.limit();
        Instant now = clock.instant();
        call.db(c -> bans.page(c, now, request.beforeId(), limit + 1), page -> call.reply(new Moderation.BanPage(
                page.stream().limit(limit).map(StoredBan::info).toList(), page.size() > limit)));
    }

    private void lift(Call call, Moderation.BanLift request) {
        OnlineUser actor = moderator(call);
        long banId = request.banId();
        call.db(c -> bans.lift(c, banId, actor.id(), clock.instant()), lifted -> {
            if (!lifted) {
                throw Refusal.notFound("There is no ban " + banId + " in force.");
            }
            gate.lift(banId);
            audit.record(actor, "ban.lift", null, null, null, null, "ban " + banId);
            call.reply(new Ok());
        });
    }

    private void deleteUser(Call call, Moderation.DeleteUser request) {
        OnlineUser actor = call.user();
        if (actor.role() != Role.ADMIN) {
            throw Refusal.forbidden("Only admins delete other people's accounts.");
        }
        long targetId = request.userId();
        if (targetId == actor.id()) {
            throw new Refusal(ErrorCode.CONFLICT, "Delete your own account with account.delete.");
        }
        Room.KnownAccount target = room.account(targetId)
                .orElseThrow(() -> Refusal.notFound("There is no account " + targetId + "."));
        if (target.info().role() == Role.ADMIN) {
            throw Refusal.forbidden("Admins are not deleted by other admins; change their role first.");
        }
        call.db(c -> removal.erase(c, targetId), erased -> {
            if (!erased) {
                throw Refusal.notFound("There is no account " + targetId + ".");
            }
            audit.record(actor, "user.delete", targetId, target.info().name(), null, request.reason(), null);
            call.reply(new Ok());
            removal.forget(targetId, request.reason() == null ? "An admin deleted your account."
                    : "An admin deleted your account: " + request.reason());
        });
    }

    private void auditPage(Call call, Moderation.AuditList request) {
        if (call.user().role() != Role.ADMIN) {
            throw Refusal.forbidden("Only admins read the audit log.");
        }
        int limit = request.limit();
        call.db(c -> auditLog.page(c, request.beforeId(), limit + 1), page -> {
            List<AuditEntry> entries = page.stream().limit(limit).toList();
            call.reply(new Moderation.AuditPage(entries, page.size() > limit));
        });
    }

    private static OnlineUser moderator(Call call) {
        OnlineUser actor = call.user();
        if (actor.role() != Role.ADMIN && actor.role() != Role.MODERATOR) {
            throw Refusal.forbidden("Only moderators and admins manage bans.");
        }
        return actor;
    }

    static String addressOf(OnlineUser user) {
        return user.link() instanceof ClientConnection connection
                ? connection.remote().getAddress().getHostAddress() : null;
    }
}
