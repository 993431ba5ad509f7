package dev.parley.server.channel;

import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.PermissionState;
import dev.parley.protocol.control.model.Role;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what where. Admins may do everything. Everyone else gets their role's defaults,
 * changed by overrides on the channel or, failing that, on the nearest ancestor that has one (as
 * Mumble's ACLs inherit). Owned by the room thread.
 */
public final class PermissionPolicy {
    private static final Map<Role, Set<Permission>> DEFAULTS = Map.of(
            Role.ADMIN, EnumSet.allOf(Permission.class),
            Role.MODERATOR, EnumSet.allOf(Permission.class),
            Role.MEMBER, EnumSet.of(Permission.ENTER, Permission.SPEAK, Permission.WRITE),
            Role.GUEST, EnumSet.of(Permission.ENTER, Permission.SPEAK, Permission.WRITE));

    private record Key(long channelId, Role role, Permission permission) {
    }

    private final Map<Key, Boolean> overrides = new HashMap<>();
    private final ChannelTree tree;

    public PermissionPolicy(ChannelTree tree, List<PermissionOverride> stored) {
        this.tree = tree;
        for (PermissionOverride override : stored) {
            Permission permission = Permission.valueOf(override.permission());
            overrides.put(new Key(override.channelId(), override.role(), permission), override.allowed());
        }
    }

    public boolean allows(Role role, long channelId, Permission permission) {
        if (role == Role.ADMIN) {
            return true;
        }
        for (long channel : tree.pathToRoot(channelId)) {
            Boolean explicit = overrides.get(new Key(channel, role, permission));
            if (explicit != null) {
                return explicit;
            }
        }
        return DEFAULTS.get(role).contains(permission);
    }

    /**
     * Like {@link #allows}, and which channel's override decided it ({@code setIn} null: the role's
     * default). Admins are never overridden: their state is always the default, allowed.
     */
    public PermissionState state(Role role, long channelId, Permission permission) {
        if (role != Role.ADMIN) {
            for (long channel : tree.pathToRoot(channelId)) {
                Boolean explicit = overrides.get(new Key(channel, role, permission));
                if (explicit != null) {
                    return new PermissionState(role, permission, explicit, channel);
                }
            }
        }
        return new PermissionState(role, permission, role == Role.ADMIN || DEFAULTS.get(role).contains(permission), null);
    }

    public void set(long channelId, Role role, Permission permission, Boolean allowed) {
        Key key = new Key(channelId, role, permission);
        if (allowed == null) {
            overrides.remove(key);
        } else {
            overrides.put(key, allowed);
        }
    }

    public void forgetChannel(long channelId) {
        overrides.keySet().removeIf(key -> key.channelId() == channelId);
    }

    /** A strictly higher rank may moderate a lower one; nobody moderates an equal or higher rank. */
    public static boolean outranks(Role actor, Role target) {
        return rank(actor) > rank(target);
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
