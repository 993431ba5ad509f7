package dev.parley.server.channel;

import dev.parley.protocol.control.model.Role;
import java.util.Objects;

/** In channel {@code channelId}, {@code role} is explicitly allowed or denied {@code permission}. */
public record PermissionOverride(long channelId, Role role, String permission, boolean allowed) {

    public PermissionOverride {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(permission, "permission");
    }
}
