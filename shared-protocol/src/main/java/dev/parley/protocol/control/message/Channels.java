package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.KeyFields;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.E2eMode;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.PermissionState;
import dev.parley.protocol.control.model.Role;
import java.util.List;

/** The channel tree and moving between channels. */
public final class Channels {
    private Channels() {
    }

    /** A new channel under {@code parentId} (the lobby when absent). An empty password means none. */
    public record Create(Long parentId, String name, String description, Integer position, String password)
            implements Request {
        public Create {
            Check.optionalPositive(parentId, "parentId");
            Check.line(name, "name", 1, Limits.MAX_CHANNEL_NAME);
            description = Check.optionalText(description, "description", Limits.MAX_CHANNEL_DESCRIPTION);
            if (position != null) {
                Check.range(position, "position", 0, 10_000);
            }
            password = Check.optionalText(password, "password", Limits.MAX_PASSWORD);
        }

        @Override
        public String toString() {
            return "Create[parentId=" + parentId + ", name=" + name + "]";
        }
    }

    public record Created(ChannelInfo channel) implements Reply {
    }

    /** Rename, re-describe or move a channel; absent fields stay as they are. */
    public record Update(Long channelId, String name, String description, Long parentId, Integer position)
            implements Request {
        public Update {
            Check.positive(channelId, "channelId");
            Check.optionalLine(name, "name", Limits.MAX_CHANNEL_NAME);
            description = Check.optionalText(description, "description", Limits.MAX_CHANNEL_DESCRIPTION);
            Check.optionalPositive(parentId, "parentId");
            if (position != null) {
                Check.range(position, "position", 0, 10_000);
            }
        }
    }

    /**
     * Makes a channel end-to-end encrypted (key epoch 1), or moves an encrypted one to a new key epoch.
     * Without {@code mode} (or with {@code passphrase}) the members agree on a new passphrase; the server
     * keeps only the public epoch and a new salt. With {@code shared} the caller made a new random key
     * and gives each member, itself included, a copy sealed to that member's identity key
     * ({@code shares}); {@code epoch} is the epoch the caller sealed them for (the current one + 1), so two
     * members rotating at once cannot both win.
     */
    public record Rekey(Long channelId, E2eMode mode, Integer epoch, String senderKey, List<KeyShare> shares)
            implements Request {
        public Rekey {
            Check.positive(channelId, "channelId");
            if (mode == E2eMode.SHARED) {
                Check.range(epoch, "epoch", 1, Integer.MAX_VALUE);
                KeyFields.publicKey(senderKey, "senderKey");
                Check.required(shares, "shares");
                if (shares.isEmpty() || shares.size() > Limits.MAX_E2E_MEMBERS) {
                    throw Check.invalid("shares", "must hold 1 to " + Limits.MAX_E2E_MEMBERS + " members");
                }
                shares = List.copyOf(shares);
                if (shares.stream().map(KeyShare::userId).distinct().count() != shares.size()) {
                    throw Check.invalid("shares", "must name each member once");
                }
            } else if (shares != null && !shares.isEmpty()) {
                throw Check.invalid("shares", "are only for mode shared");
            }
        }

        /** A passphrase-mode rekey. */
        public Rekey(Long channelId) {
            this(channelId, null, null, null, null);
        }
    }

    /**
     * One member's copy of a shared-key channel's key in {@link Rekey}: the key sealed to the identity key
     * {@code recipientKey} of account {@code userId} (see PROTOCOL.md, "Shared keys").
     */
    public record KeyShare(Long userId, String recipientKey, String wrapped) {
        public KeyShare {
            Check.positive(userId, "shares.userId");
            KeyFields.publicKey(recipientKey, "shares.recipientKey");
            KeyFields.wrapped(wrapped, "shares.wrapped");
        }
    }

    /** Deletes a channel; its sub-channels move to its parent and its members to the lobby. */
    public record Delete(Long channelId) implements Request {
        public Delete {
            Check.positive(channelId, "channelId");
        }
    }

    /** Sets the channel's password; absent or empty removes it. */
    public record SetPassword(Long channelId, String password) implements Request {
        public SetPassword {
            Check.positive(channelId, "channelId");
            password = Check.optionalText(password, "password", Limits.MAX_PASSWORD);
        }

        @Override
        public String toString() {
            return "SetPassword[channelId=" + channelId + "]";
        }
    }

    /** Overrides one permission of one role in one channel; {@code allowed} absent clears it. */
    public record SetPermission(Long channelId, Role role, Permission permission, Boolean allowed)
            implements Request {
        public SetPermission {
            Check.positive(channelId, "channelId");
            Check.required(role, "role");
            Check.required(permission, "permission");
        }
    }

    /**
     * Asks where every permission of every role but admin stands in a channel, overrides and what they
     * inherit included: what a permissions editor shows before anything is changed.
     */
    public record ListPermissions(Long channelId) implements Request {
        public ListPermissions {
            Check.positive(channelId, "channelId");
        }
    }

    /** The reply to {@link ListPermissions}: one entry per role (not admin) and permission. */
    public record Permissions(long channelId, java.util.List<PermissionState> permissions) implements Reply {
        public Permissions {
            Check.positive(channelId, "channelId");
            permissions = java.util.List.copyOf(Check.required(permissions, "permissions"));
        }
    }

    public record Join(Long channelId, String password) implements Request {
        public Join {
            Check.positive(channelId, "channelId");
            password = Check.optionalText(password, "password", Limits.MAX_PASSWORD);
        }

        @Override
        public String toString() {
            return "Join[channelId=" + channelId + "]";
        }
    }

    public record Added(ChannelInfo channel) implements Event {
    }

    public record Updated(ChannelInfo channel) implements Event {
    }

    public record Removed(long channelId) implements Event {
    }
}
