package dev.parley.server.channel;

import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.PermissionState;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.auth.GuessThrottle;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.moderation.AuditTrail;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Creating, changing and deleting channels, and moving between them. Room thread only. */
public final class ChannelHandlers {
    private final Room room;
    private final ChannelRepository channels;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final ChannelVisibility visibility;
    private final GuessThrottle throttle;

    public ChannelHandlers(Room room, ChannelRepository channels, PasswordHasher hasher, AuditTrail audit,
                           GuessThrottle throttle) {
        this.audit = audit;
        this.visibility = new ChannelVisibility(room);
        this.throttle = throttle;
        this.room = room;
        this.channels = channels;
        this.hasher = hasher;
    }

    public void registerOn(RequestRouter router) {
        router.on(Channels.Create.class, this::create)
                .on(Channels.Update.class, this::update)
                .on(Channels.Delete.class, this::delete)
                .on(Channels.SetPassword.class, this::setPassword)
                .on(Channels.SetPermission.class, this::setPermission)
                .on(Channels.ListPermissions.class, this::listPermissions)
                .on(Channels.Join.class, this::join);
    }

    private void create(Call call, Channels.Create request) {
        long parentId = request.parentId() == null ? ChannelTree.LOBBY_ID : request.parentId();
        existing(parentId);
        requireAllowed(call.user(), parentId, Permission.MANAGE, "create channels here");
        requireRoomForAnotherChannel(room.channels().size());
        String password = emptyToNull(request.password());
        call.offload(() -> password == null ? null : hasher.hash(password), passwordHash -> call.db(c -> {
            // Checked again in the transaction: the database thread runs creates one at a time.
            requireRoomForAnotherChannel(channels.count(c));
            Channel created = channels.create(c, parentId, request.name(),
                    request.description() == null ? "" : request.description());
            if (request.position() != null) {
                created = channels.move(c, created.id(), parentId, request.position()).orElseThrow();
            }
            if (passwordHash != null) {
                channels.setPasswordHash(c, created.id(), passwordHash);
                created = channels.findById(c, created.id()).orElseThrow();
            }
            return created;
        }, created -> {
            room.channels().put(created);
            call.reply(new Channels.Created(ChannelTree.info(created)));
            long id = created.id();
            room.broadcast(new Channels.Added(ChannelTree.info(created)), user -> room.canSee(user, id));
        }));
    }

    /** A room holds at most {@link Limits#MAX_CHANNELS} channels, so its tree stays something clients can page through. */
    private static void requireRoomForAnotherChannel(long channelsNow) {
        if (channelsNow >= Limits.MAX_CHANNELS) {
            throw new Refusal(ErrorCode.LIMIT_REACHED, "This room has the most channels it can hold ("
                    + Limits.MAX_CHANNELS + "); delete one first.");
        }
    }

    private void update(Call call, Channels.Update request) {
        Channel channel = existing(request.channelId());
        requireAllowed(call.user(), channel.id(), Permission.MANAGE, "change this channel");
        Long newParent = request.parentId();
        if (newParent != null) {
            if (channel.id() == ChannelTree.LOBBY_ID) {
                throw Refusal.forbidden("The lobby stays at the top of the tree.");
            }
            existing(newParent);
            if (room.channels().isWithin(newParent, channel.id())) {
                throw new Refusal(ErrorCode.CONFLICT, "A channel cannot move inside itself.");
            }
            requireAllowed(call.user(), newParent, Permission.MANAGE, "move channels there");
        }
        call.db(c -> {
            Channel updated = channel;
            if (request.name() != null || request.description() != null) {
                updated = channels.update(c, channel.id(),
                        request.name() == null ? channel.name() : request.name(),
                        request.description() == null ? channel.description() : request.description()).orElseThrow();
            }
            if (newParent != null || request.position() != null) {
                updated = channels.move(c, channel.id(), newParent == null ? channel.parentId() : newParent,
                        request.position() == null ? channel.position() : request.position()).orElseThrow();
            }
            return updated;
        }, updated -> {
            Map<OnlineUser, Set<Long>> before = visibility.snapshot();
            room.channels().put(updated);
            call.reply(new Ok());
            // Moving a channel under a hidden parent hides it (and what is below it) from some users.
            visibility.announce(before, Set.of(updated.id()));
        });
    }

    private void delete(Call call, Channels.Delete request) {
        Channel channel = existing(request.channelId());
        if (channel.id() == ChannelTree.LOBBY_ID) {
            throw Refusal.forbidden("The lobby cannot be deleted.");
        }
        requireAllowed(call.user(), channel.id(), Permission.MANAGE, "delete this channel");
        call.db(c -> {
            channels.delete(c, channel.id());
            return channels.all(c);
        }, remaining -> {
            Map<OnlineUser, Set<Long>> before = visibility.snapshot();
            List<Channel> children = room.channels().children(channel.id());
            audit.record(call.user(), "channel.delete", null, null, channel.id(), null, channel.name());
            room.channels().remove(channel.id());
            room.permissions().forgetChannel(channel.id());
            remaining.stream()
                    .filter(stored -> children.stream().anyMatch(child -> child.id() == stored.id()))
                    .forEach(room.channels()::put);
            call.reply(new Ok());
            visibility.announce(before, children.stream().map(Channel::id).collect(Collectors.toSet()));
            room.everyone().stream()
                    .filter(user -> user.channelId() == channel.id())
                    .toList()
                    .forEach(user -> moveUser(user, ChannelTree.LOBBY_ID));
        });
    }

    private void setPassword(Call call, Channels.SetPassword request) {
        Channel channel = existing(request.channelId());
        requireAllowed(call.user(), channel.id(), Permission.MANAGE, "set this channel's password");
        String password = emptyToNull(request.password());
        call.offload(() -> password == null ? null : hasher.hash(password), hash -> call.db(c -> {
            channels.setPasswordHash(c, channel.id(), hash);
            return channels.findById(c, channel.id()).orElseThrow();
        }, updated -> {
            room.channels().put(updated);
            long id = updated.id();
            audit.record(call.user(), password == null ? "channel.password.clear" : "channel.password", null, null,
                    channel.id(), null, null);
            call.reply(new Ok());
            room.broadcast(new Channels.Updated(ChannelTree.info(updated)), user -> room.canSee(user, id));
        }));
    }

    private void setPermission(Call call, Channels.SetPermission request) {
        Channel channel = existing(request.channelId());
        requireAllowed(call.user(), channel.id(), Permission.MANAGE, "change permissions here");
        if (request.role() == Role.ADMIN) {
            throw Refusal.forbidden("Admins always have every permission.");
        }
        if (call.user().role() != Role.ADMIN && !PermissionPolicy.outranks(call.user().role(), request.role())) {
            throw Refusal.forbidden("You can only change permissions of roles below yours.");
        }
        call.db(c -> {
            channels.setOverride(c, channel.id(), request.role(), request.permission().name(), request.allowed());
            return request;
        }, done -> {
            Map<OnlineUser, Set<Long>> before = visibility.snapshot();
            room.permissions().set(channel.id(), request.role(), request.permission(), request.allowed());
            audit.record(call.user(), "channel.permission", null, null, channel.id(), null, request.role().wire() + " "
                    + request.permission().wire() + " " + (request.allowed() == null ? "inherit"
                    : request.allowed() ? "allow" : "deny"));
            visibility.announce(before, Set.of());
            room.everyone().stream()
                    .filter(user -> !room.allows(user, user.channelId(), Permission.ENTER))
                    .toList()
                    .forEach(user -> moveUser(user, ChannelTree.LOBBY_ID));
            // The relay's roster follows before the reply: once the client sees ok, no audio the new
            // rules forbid is forwarded any more.
            room.permissionsChanged();
            call.reply(new Ok());
        });
    }

    /** Who may change a channel's permissions may read them: the editor shows what is in force. */
    private void listPermissions(Call call, Channels.ListPermissions request) {
        Channel channel = existing(request.channelId());
        requireAllowed(call.user(), channel.id(), Permission.MANAGE, "see this channel's permissions");
        List<PermissionState> states = new java.util.ArrayList<>();
        for (Role role : List.of(Role.MODERATOR, Role.MEMBER, Role.GUEST)) {
            for (Permission permission : Permission.values()) {
                states.add(room.permissions().state(role, channel.id(), permission));
            }
        }
        call.reply(new Channels.Permissions(channel.id(), states));
    }

    private void join(Call call, Channels.Join request) {
        OnlineUser user = call.user();
        Channel channel = existing(request.channelId());
        if (!room.canSee(user, channel.id())) {
            throw Refusal.forbidden("You may not enter this channel.");
        }
        requireAllowed(user, channel.id(), Permission.ENTER, "enter this channel");
        if (user.channelId() == channel.id()) {
            call.reply(new Ok());
            return;
        }
        if (!channel.hasPassword() || room.allows(user, channel.id(), Permission.MANAGE)) {
            moveUser(user, channel.id());
            call.reply(new Ok());
            return;
        }
        String given = request.password();
        if (given == null) {
            throw new Refusal(ErrorCode.CHANNEL_PASSWORD, "This channel needs a password.");
        }
        GuessThrottle.Attempt attempt = admitGuess(call, channel.id());
        call.offload(() -> hasher.verify(channel.passwordHash(), given), matches -> {
            throttle.finished(attempt, matches);
            if (!matches) {
                throw new Refusal(ErrorCode.CHANNEL_PASSWORD, "Wrong channel password.");
            }
            if (room.channels().find(channel.id()).isEmpty()) {
                throw Refusal.notFound("That channel was just deleted.");
            }
            room.unlocks().unlock(user.id(), channel.id(), channel.passwordHash());
            moveUser(user, channel.id());
            call.reply(new Ok());
        });
    }

    public ChannelVisibility visibility() {
        return visibility;
    }

    private GuessThrottle.Attempt admitGuess(Call call, long channelId) {
        GuessThrottle.Verdict verdict = throttle.begin("channel:" + channelId,
                GuessThrottle.addressKey(call.connection().remote().getAddress()));
        if (verdict instanceof GuessThrottle.Wait wait) {
            throw new Refusal(ErrorCode.RATE_LIMITED, "Too many channel password attempts; try again in "
                    + Math.max(1, (wait.millis() + 999) / 1000) + " s.", wait.millis());
        }
        return (GuessThrottle.Attempt) verdict;
    }

    /** Moves a user (already allowed) and tells everyone. */
    public void moveUser(OnlineUser user, long toChannelId) {
        long from = user.channelId();
        if (from == toChannelId) {
            return;
        }
        user.channelId(toChannelId);
        room.userChanged(user);
        if (Room.isHidden(user)) {
            user.link().send(Envelope.event(new Users.Moved(user.id(), from, toChannelId)));
        } else {
            room.broadcastWhereabouts(user, new Users.Moved(user.id(), from, toChannelId));
        }
    }

    private Channel existing(long channelId) {
        return room.channels().find(channelId)
                .orElseThrow(() -> Refusal.notFound("There is no channel " + channelId + "."));
    }

    private void requireAllowed(OnlineUser user, long channelId, Permission permission, String what) {
        if (!room.allows(user, channelId, permission)) {
            throw Refusal.forbidden("You may not " + what + ".");
        }
    }

    private static String emptyToNull(String password) {
        return password == null || password.isEmpty() ? null : password;
    }
}
