package dev.parley.client.ui.room;

import dev.parley.protocol.control.model.Role;

/**
 * What a role may do by the server's defaults, to decide which menu entries to show. The server
 * decides for real (channel overrides can change it); a refused request is shown as a sentence.
 */
public final class RolePermissions {
    private RolePermissions() {
    }

    /** Create, rename, delete and password-protect channels. */
    public static boolean canManageChannels(Role role) {
        return role == Role.ADMIN || role == Role.MODERATOR;
    }

    /** Move, kick or server-mute {@code target}: moderators and admins, over strictly lower ranks. */
    public static boolean canModerate(Role actor, Role target) {
        return canManageChannels(actor) && rank(actor) > rank(target);
    }

    private static int rank(Role role) {
        return switch (role) {
            case ADMIN -> 3;
            case MODERATOR -> 2;
            case MEMBER -> 1;
            case GUEST -> 0;
        };
    }
}
