package dev.parley.protocol.control.model;

/**
 * One moderation action in the room's audit log: who did what to whom, when and why.
 * {@code action} is a stable lower-case word ({@code kick}, {@code ban}, {@code ban.lift}, ...).
 */
public record AuditEntry(long id, long ts, long actorId, String actorName, String action, Long targetId,
                         String targetName, Long channelId, String reason, String detail) {
}
