package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/**
 * An invite code as the admins and moderators who manage invites see it. {@code expiresAt} and
 * {@code createdAt} are epoch ms ({@code expiresAt} null: never); {@code channelId} is where a
 * joiner lands; {@code role} is what the new account gets.
 */
public record InviteInfo(long id, String code, Role role, long channelId, int maxUses, int uses, Long expiresAt,
                         long createdAt, UserInfo createdBy) {
    public InviteInfo {
        Check.required(code, "code");
        Check.required(role, "role");
        Check.required(createdBy, "createdBy");
    }

    /** Usable at {@code nowMillis}: not used up and not expired (revoked invites are never listed). */
    public boolean usableAt(long nowMillis) {
        return uses < maxUses && (expiresAt == null || expiresAt > nowMillis);
    }
}
