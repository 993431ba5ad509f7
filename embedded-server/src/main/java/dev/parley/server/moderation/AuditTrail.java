package dev.parley.server.moderation;

import dev.parley.server.db.Database;
import dev.parley.server.session.OnlineUser;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records moderation actions without holding up the request: the write goes to the database
 * thread (one thread, so entries keep the order they were made in). Thread-safe.
 */
public final class AuditTrail {
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final Database database;
    private final AuditLog auditLog;
    private final Clock clock;

    public AuditTrail(Database database, AuditLog auditLog, Clock clock) {
        this.database = database;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public void record(OnlineUser actor, String action, Long targetId, String targetName, Long channelId,
                       String reason, String detail) {
        AuditLog.Action entry = new AuditLog.Action(actor.id(), actor.name(), action, targetId, targetName, channelId,
                reason, detail);
        log.info("Moderation: {} {} {}#{}{}", actor, action, targetName, targetId, reason == null ? "" : " (" + reason + ")");
        database.submit(c -> {
            auditLog.insert(c, entry, clock.instant());
            return null;
        }).exceptionally(error -> {
            log.error("Could not write the audit log entry {}: {}", entry, error.toString());
            return null;
        });
    }
}
