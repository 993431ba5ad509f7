package dev.parley.server.invites;

import dev.parley.protocol.control.model.InviteInfo;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserInfo;
import java.time.Instant;

/** An invites row. Immutable. {@code expiresAt} and {@code revokedAt} are null when not set. */
public record StoredInvite(long id, String code, Role role, long channelId, int maxUses, int uses, Instant expiresAt,
                           Instant createdAt, long createdBy, String createdByName, Instant revokedAt) {

    public InviteInfo info(Role creatorRole) {
        return new InviteInfo(id, code, role, channelId, maxUses, uses,
                expiresAt == null ? null : expiresAt.toEpochMilli(), createdAt.toEpochMilli(),
                new UserInfo(createdBy, createdByName, creatorRole));
    }
}
