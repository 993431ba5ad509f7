package dev.parley.client.ui.admin;

import dev.parley.client.ui.room.RolePermissions;
import dev.parley.protocol.control.model.Role;

/**
 * Which admin entry points a role sees, by the server's rules (PROTOCOL.md sections 8 and 17): the
 * server decides for real, this only keeps what would be refused out of sight. Stateless.
 */
public final class AdminRights {
    private AdminRights() {
    }

    /** The "Room admin" window: moderators (for bans) and admins. */
    public static boolean canOpenAdmin(Role self) {
        return self == Role.ADMIN || self == Role.MODERATOR;
    }

    /** Room settings, roles, approvals, account deletion and the audit log are the admins'. */
    public static boolean isAdmin(Role self) {
        return self == Role.ADMIN;
    }

    /** Bans and their list: moderators and admins. */
    public static boolean canBan(Role self) {
        return canOpenAdmin(self);
    }

    /** Ban this person: moderators and admins, over strictly lower ranks (as kick and mute). */
    public static boolean canBan(Role self, Role target) {
        return RolePermissions.canModerate(self, target);
    }

    /** Promote or demote an account (not a guest, not oneself): admins only. */
    public static boolean canChangeRole(Role self, long targetId, boolean targetIsSelf) {
        return isAdmin(self) && targetId > 0 && !targetIsSelf;
    }

    /** Per-channel permissions: moderators and admins (they have {@code manage} by default). */
    public static boolean canEditPermissions(Role self) {
        return RolePermissions.canManageChannels(self);
    }

    /** Delete someone else's channel message: whoever has {@code manage} there, moderators and admins by default. */
    public static boolean canDeleteOthersMessages(Role self) {
        return RolePermissions.canManageChannels(self);
    }
}
