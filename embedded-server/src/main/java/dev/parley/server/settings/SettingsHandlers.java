package dev.parley.server.settings;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.RoomAdmin;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.moderation.AuditTrail;
import dev.parley.server.room.Room;

/**
 * {@code room.settings}: admins read and change the room's name, password, guests and registration
 * policy; a change is stored, then everyone hears {@code room.updated}. Room thread only.
 */
public final class SettingsHandlers {
    private final Room room;
    private final LiveSettings settings;
    private final AuditTrail audit;
    private final SettingsStore store = new SettingsStore();

    public SettingsHandlers(Room room, LiveSettings settings, AuditTrail audit) {
        this.room = room;
        this.settings = settings;
        this.audit = audit;
    }

    public void registerOn(RequestRouter router) {
        router.on(RoomAdmin.Update.class, this::update);
    }

    private void update(Call call, RoomAdmin.Update request) {
        if (call.user().role() != Role.ADMIN) {
            throw new Refusal(ErrorCode.FORBIDDEN, "Only admins change the room's settings.");
        }
        // Only what differs is stored: a setting merely re-sent as it was keeps following its option.
        RoomAdmin.Update changes = settings.current().differences(request);
        if (changes.changesNothing()) {
            call.reply(settings.current().info());
            return;
        }
        call.db(c -> {
            store.save(c, changes);
            return null;
        }, stored -> {
            // Applied to the settings as they are once stored, so two admins' changes to different fields both stay.
            RoomSettings before = settings.current();
            RoomSettings after = before.with(changes);
            settings.replace(after);
            call.reply(after.info());
            String described = after.changesSince(before);
            if (!described.isEmpty()) {
                audit.record(call.user(), "room.settings", null, null, null, null, described);
                room.broadcastToAll(after.updated());
            }
        });
    }
}
