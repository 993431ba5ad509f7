package dev.parley.server.moderation;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.control.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may not sign in: the bans in force (mirrored from the database, so a sign-in needs no SQL)
 * and guest tokens revoked in this server run. Owned by the room thread.
 */
public final class SignInGate {
    private final Map<Long, StoredBan> bans = new LinkedHashMap<>();
    private final Set<Long> revokedGuests = new HashSet<>();
    private final Clock clock;

    public SignInGate(Collection<StoredBan> active, Clock clock) {
        this.clock = clock;
        active.forEach(this::add);
    }

    public void add(StoredBan ban) {
        bans.put(ban.id(), ban);
    }

    public void lift(long banId) {
        bans.remove(banId);
    }

    /** A kicked or banned guest cannot come back with its token in this run. */
    public void revokeGuest(long guestId) {
        revokedGuests.add(guestId);
    }

    public boolean guestRevoked(long guestId) {
        return revokedGuests.contains(guestId);
    }

    /**
     * Refuses a sign-in that a ban forbids. Address bans do not hold back moderators and admins
     * (a host behind the same NAT as a troublemaker must still get in); account bans hold everyone.
     *
     * @param accountId null for a registration or a guest
     */
    public void check(Long accountId, String address, Role role) {
        Optional<StoredBan> ban = banFor(accountId, address, role);
        if (ban.isPresent()) {
            throw refusal(ban.get(), clock.instant());
        }
    }

    public Optional<StoredBan> banFor(Long accountId, String address, Role role) {
        Instant now = clock.instant();
        boolean addressBansApply = role != Role.ADMIN && role != Role.MODERATOR;
        for (StoredBan ban : new ArrayList<>(bans.values())) {
            if (!ban.activeAt(now)) {
                bans.remove(ban.id());
                continue;
            }
            boolean byAccount = accountId != null && accountId.equals(ban.accountId());
            boolean byAddress = addressBansApply && ban.address() != null && ban.address().equals(address);
            if (byAccount || byAddress) {
                return Optional.of(ban);
            }
        }
        return Optional.empty();
    }

    static Refusal refusal(StoredBan ban, Instant now) {
        String message = "You are banned from this room" + (ban.expiresAt() == null ? "" : " until " + ban.expiresAt())
                + (ban.reason() == null ? "." : ": " + ban.reason());
        return ban.expiresAt() == null ? new Refusal(ErrorCode.BANNED, message)
                : new Refusal(ErrorCode.BANNED, message, Math.max(1, ban.expiresAt().toEpochMilli() - now.toEpochMilli()));
    }
}
