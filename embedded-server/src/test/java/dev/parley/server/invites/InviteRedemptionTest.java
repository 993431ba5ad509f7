package dev.parley.server.invites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.control.Refusal;
import dev.parley.server.db.Database;
import dev.parley.server.support.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spending invite codes against a real database (H2, or PostgreSQL on that run), with a clock we move. */
class InviteRedemptionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private final Database db = TestDatabases.fresh();
    private final InviteRepository invites = new InviteRepository();
    private final AccountRepository accounts = new AccountRepository();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCodeWorksUntilItExpiresAndThenSaysWhen() {
        long creator = db.transact(c -> accounts.create(c, "mod", "hash", Role.MODERATOR).id());
        StoredInvite invite = db.transact(c -> invites.insert(c, draft(creator, 10, T0.plus(Duration.ofHours(1)))));

        assertThat(db.transact(c -> redemption(T0.plus(Duration.ofMinutes(59))).spend(c, invite.code())).id())
                .isEqualTo(invite.id());
        assertThatThrownBy(() -> db.transact(c -> redemption(T0.plus(Duration.ofHours(1))).spend(c, invite.code())))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.INVITE_INVALID);
                    assertThat(refusal.getMessage()).contains("expired on 2026-12-01 13:00 UTC");
                });
    }

    @Test
    void theConditionalUpdateNeverTakesMoreThanMaxUses() {
        long creator = db.transact(c -> accounts.create(c, "mod", "hash", Role.MODERATOR).id());
        StoredInvite invite = db.transact(c -> invites.insert(c, draft(creator, 2, null)));

        assertThat((boolean) db.<Boolean>transact(c -> invites.takeUse(c, invite.id(), T0))).isTrue();
        assertThat((boolean) db.<Boolean>transact(c -> invites.takeUse(c, invite.id(), T0))).isTrue();
        assertThat((boolean) db.<Boolean>transact(c -> invites.takeUse(c, invite.id(), T0))).isFalse();
        assertThat(db.transact(c -> invites.findById(c, invite.id())).orElseThrow().uses()).isEqualTo(2);
        assertThatThrownBy(() -> db.transact(c -> redemption(T0).spend(c, invite.code())))
                .hasMessageContaining("used up");
    }

    @Test
    void aDeletedCreatorsCodeIsRefused() {
        long creator = db.transact(c -> accounts.create(c, "mod", "hash", Role.MODERATOR).id());
        StoredInvite invite = db.transact(c -> invites.insert(c, draft(creator, 2, null)));
        db.transact(c -> c.createStatement().executeUpdate("DELETE FROM accounts WHERE id = " + creator));

        assertThatThrownBy(() -> db.transact(c -> redemption(T0).spend(c, invite.code())))
                .hasMessageContaining("no longer valid");
    }

    private InviteRedemption redemption(Instant now) {
        return new InviteRedemption(invites, accounts, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static StoredInvite draft(long creator, int maxUses, Instant expires) {
        return new StoredInvite(0, "code" + maxUses + creator, Role.MEMBER, 1, maxUses, 0, expires, T0, creator, "mod", null);
    }
}
