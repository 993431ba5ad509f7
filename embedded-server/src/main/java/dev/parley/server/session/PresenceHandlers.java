package dev.parley.server.session;

import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Presence;
import dev.parley.server.control.Call;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.control.RequestRouter.Stage;
import dev.parley.server.room.Room;

/** Presence changes and application-level ping. Room thread only. */
public final class PresenceHandlers {
    private final Room room;

    public PresenceHandlers(Room room) {
        this.room = room;
    }

    public void registerOn(RequestRouter router) {
        router.on(Session.SetPresence.class, this::setPresence)
                .on(Session.Ping.class, Stage.ANY_AFTER_HELLO, (call, ping) -> call.reply(new Session.Pong(System.currentTimeMillis())));
    }

    private void setPresence(Call call, Session.SetPresence request) {
        OnlineUser user = call.user();
        Presence before = user.presence();
        user.presence(request.presence());
        call.reply(new Ok());
        if (before == request.presence()) {
            return;
        }
        if (request.presence() == Presence.INVISIBLE) {
            // To others this is the moment the user left: they see the same "last seen" an offline
            // user would have, now and in later snapshots.
            long now = System.currentTimeMillis();
            user.lastSeenWhileHidden(now);
            if (!user.guest()) {
                room.remember(new Room.KnownAccount(user.info(), now));
            }
        }
        room.broadcastState(user);
        if (before == Presence.INVISIBLE) {
            // Others saw this user as offline; now they learn where the user is.
            room.broadcastPresence(user.id(), new Users.Moved(user.id(), null, user.channelId()),
                    other -> other != user && !room.privacy().presenceHiddenFrom(user.id(), other.id()), null);
        }
    }
}
