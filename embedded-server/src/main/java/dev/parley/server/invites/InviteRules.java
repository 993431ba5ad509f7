package dev.parley.server.invites;

import dev.parley.protocol.control.model.Role;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Who may make which invites, and whether a code still lets someone in. Pure functions. */
public final class InviteRules {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private InviteRules() {
    }

    /** Admins and moderators create, list and revoke invites. */
    public static boolean mayManage(Role role) {
        return role == Role.ADMIN || role == Role.MODERATOR;
    }

    /** An invite never grants more than its creator holds: a moderator cannot mint admins. */
    public static boolean mayGrant(Role creator, Role granted) {
        return granted != Role.GUEST && rank(granted) <= rank(creator);
    }

    /**
     * Why this code lets nobody in at {@code now}, in a sentence for the joiner; empty when it is
     * usable. {@code creatorNow} is the creator's role today (empty: the account is gone): an invite
     * from someone since demoted or deleted grants no more than they now hold.
     */
    public static Optional<String> refusal(StoredInvite invite, Instant now, Optional<Role> creatorNow) {
        if (invite.revokedAt() != null) {
            return Optional.of("This invite was revoked; ask for a new one.");
        }
        if (invite.expiresAt() != null && !invite.expiresAt().isAfter(now)) {
            return Optional.of("This invite expired on " + WHEN.format(invite.expiresAt()) + "; ask for a new one.");
        }
        if (invite.uses() >= invite.maxUses()) {
            return Optional.of("This invite has been used up; ask for a new one.");
        }
        if (creatorNow.isEmpty() || !mayManage(creatorNow.get()) || !mayGrant(creatorNow.get(), invite.role())) {
            return Optional.of("This invite is no longer valid: whoever made it may no longer grant it. Ask for a new one.");
        }
        return Optional.empty();
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
