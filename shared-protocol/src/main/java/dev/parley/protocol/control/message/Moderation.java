package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.AuditEntry;
import dev.parley.protocol.control.model.BanInfo;
import java.util.List;

/** Bans, deleting other people's accounts, and the audit log of moderation actions. */
public final class Moderation {
    /** The longest ban with an expiry: ten years (absent means until lifted). */
    public static final long MAX_BAN_MS = 10L * 365 * 24 * 3600 * 1000;

    private Moderation() {
    }

    /**
     * Bans a user (online, or an offline account). {@code address} also bans the address the user
     * is connected from; a guest is always banned by address. {@code durationMs} absent: until lifted.
     */
    public record Ban(Long userId, String reason, Long durationMs, Boolean address) implements Request {
        public Ban {
            Check.required(userId, "userId");
            if (userId == 0) {
                throw Check.invalid("userId", "must not be 0");
            }
            reason = Check.optionalLine(reason, "reason", Limits.MAX_REASON);
            if (durationMs != null && (durationMs < 1000 || durationMs > MAX_BAN_MS)) {
                throw Check.invalid("durationMs", "must be between 1000 and " + MAX_BAN_MS);
            }
            address = address != null && address;
        }
    }

    /** Active bans, newest first, {@code limit} (default and max 100) older than {@code beforeId}. */
    public record BanList(Long beforeId, Integer limit) implements Request {
        public BanList {
            Check.optionalPositive(beforeId, "beforeId");
            limit = limit == null ? Limits.MAX_PAGE : Check.range(limit, "limit", 1, Limits.MAX_PAGE);
        }
    }

    public record BanPage(List<BanInfo> bans, boolean hasMore) implements Reply {
        public BanPage {
            bans = List.copyOf(bans);
        }
    }

    public record BanLift(Long banId) implements Request {
        public BanLift {
            Check.positive(banId, "banId");
        }
    }

    /** Admins delete another account (not an admin's: demote first). */
    public record DeleteUser(Long userId, String reason) implements Request {
        public DeleteUser {
            Check.positive(userId, "userId");
            reason = Check.optionalLine(reason, "reason", Limits.MAX_REASON);
        }
    }

    /** An account was deleted: forget the user. */
    public record UserRemoved(long userId) implements Event {
    }

    /** The audit log, newest first; admins only. */
    public record AuditList(Long beforeId, Integer limit) implements Request {
        public AuditList {
            Check.optionalPositive(beforeId, "beforeId");
            limit = limit == null ? Limits.MAX_PAGE : Check.range(limit, "limit", 1, Limits.MAX_PAGE);
        }
    }

    public record AuditPage(List<AuditEntry> entries, boolean hasMore) implements Reply {
        public AuditPage {
            entries = List.copyOf(entries);
        }
    }
}
