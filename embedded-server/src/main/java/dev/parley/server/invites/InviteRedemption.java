package dev.parley.server.invites;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.auth.Account;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.control.Refusal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Spends one use of an invite code while an account is being registered, inside the registration's
 * own transaction: if the account cannot be created (a taken name) the use is given back by the
 * rollback. Stateless and thread-safe; runs on the database thread.
 */
public final class InviteRedemption {
    private final InviteRepository invites;
    private final AccountRepository accounts;
    private final Clock clock;

    public InviteRedemption(InviteRepository invites, AccountRepository accounts, Clock clock) {
        this.invites = invites;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * @return the invite whose use was taken
     * @throws Refusal {@code invite_invalid} with the reason in words (unknown, revoked, expired, used up)
     */
    public StoredInvite spend(Connection c, String code) throws SQLException {
        StoredInvite invite = invites.findByCode(c, code).orElseThrow(() -> new Refusal(ErrorCode.INVITE_INVALID,
                "This invite code is not known in this room; check the link or ask for a new one."));
        Optional<Role> creatorNow = accounts.findById(c, invite.createdBy()).map(Account::role);
        Optional<String> why = InviteRules.refusal(invite, clock.instant(), creatorNow);
        if (why.isPresent()) {
            throw new Refusal(ErrorCode.INVITE_INVALID, why.get());
        }
        if (!invites.takeUse(c, invite.id(), clock.instant())) {
            // Someone else took the last use (or it expired or was revoked) since we looked.
            throw new Refusal(ErrorCode.INVITE_INVALID, "This invite has been used up; ask for a new one.");
        }
        return invite;
    }
}
