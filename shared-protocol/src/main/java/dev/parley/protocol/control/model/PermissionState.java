package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/**
 * Where one permission of one role stands in a channel: whether it is allowed, and which channel's
 * override decides that ({@code setIn}: this channel, an ancestor, or absent for the role's default).
 */
public record PermissionState(Role role, Permission permission, boolean allowed, Long setIn) {
    public PermissionState {
        Check.required(role, "role");
        Check.required(permission, "permission");
        Check.optionalPositive(setIn, "setIn");
    }
}
