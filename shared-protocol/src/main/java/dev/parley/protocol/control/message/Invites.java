package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.model.InviteInfo;
import dev.parley.protocol.control.model.Role;
import java.util.List;

/**
 * Invite codes: admins and moderators create them (how many accounts they may make, until when,
 * the channel a joiner lands in and the role the account gets, never above the creator's own),
 * list and revoke them. A joiner passes the code in {@code auth.register}'s {@code invite} field.
 */
public final class Invites {
    /** Most accounts one code may create. */
    public static final int MAX_USES = 1000;
    /** Longest lifetime of a code: 90 days, in minutes. */
    public static final int MAX_EXPIRY_MINUTES = 90 * 24 * 60;
    /** Invite codes are 22 characters of base64url (128 random bits); anything longer is no code. */
    public static final int MAX_CODE = 64;

    private Invites() {
    }

    /**
     * @param maxUses          1..{@value #MAX_USES}
     * @param expiresInMinutes null: the code never expires
     * @param channelId        null: the lobby
     * @param role             null: member; never guest, never above the creator's role
     */
    public record Create(Integer maxUses, Integer expiresInMinutes, Long channelId, Role role) implements Request {
        public Create {
            Check.range(maxUses, "maxUses", 1, MAX_USES);
            if (expiresInMinutes != null) {
                Check.range(expiresInMinutes, "expiresInMinutes", 1, MAX_EXPIRY_MINUTES);
            }
            Check.optionalPositive(channelId, "channelId");
            role = role == null ? Role.MEMBER : role;
            if (role == Role.GUEST) {
                throw Check.invalid("role", "guest is not an account role");
            }
        }
    }

    public record Created(InviteInfo invite) implements Reply {
    }

    /** The invites not revoked, newest first (at most {@link Page#MAX_LISTED}); used-up and expired ones too. */
    public record ListInvites() implements Request {
    }

    public record Page(List<InviteInfo> invites) implements Reply {
        public static final int MAX_LISTED = 100;

        public Page {
            invites = List.copyOf(invites);
        }
    }

    /** The code stops working at once; accounts it made stay. */
    public record Revoke(Long inviteId) implements Request {
        public Revoke {
            Check.positive(inviteId, "inviteId");
        }
    }
}
