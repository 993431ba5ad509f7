package dev.parley.protocol.control.model;

/**
 * One ban as moderators see it. {@code userId} is set for an account ban (a guest's ban names the
 * guest's id at the time, for the record); {@code address} for an address ban; a ban may be both.
 * {@code expiresAt} null means until lifted.
 */
public record BanInfo(long id, Long userId, String name, String address, String reason, long createdAt,
                      Long expiresAt, long byUserId, String byName) {
}
