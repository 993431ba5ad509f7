package dev.parley.server.moderation;

import dev.parley.protocol.control.model.BanInfo;
import java.time.Instant;

/** A ban as stored. {@code accountId} null: a guest's ban (by address). {@code expiresAt} null: until lifted. */
public record StoredBan(long id, Long accountId, Long subjectId, String subjectName, String address, String reason,
                        Instant createdAt, Instant expiresAt, long actorId, String actorName) {

    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    public BanInfo info() {
        return new BanInfo(id, accountId != null ? accountId : subjectId, subjectName, address, reason,
                createdAt.toEpochMilli(), expiresAt == null ? null : expiresAt.toEpochMilli(), actorId, actorName);
    }
}
