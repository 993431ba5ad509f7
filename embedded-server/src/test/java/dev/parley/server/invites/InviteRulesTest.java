package dev.parley.server.invites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.model.Role;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InviteRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void onlyAdminsAndModeratorsManageInvitesAndNoneGrantsAboveItself() {
        assertThat(InviteRules.mayManage(Role.ADMIN)).isTrue();
        assertThat(InviteRules.mayManage(Role.MODERATOR)).isTrue();
        assertThat(InviteRules.mayManage(Role.MEMBER)).isFalse();
        assertThat(InviteRules.mayManage(Role.GUEST)).isFalse();
        assertThat(InviteRules.mayGrant(Role.MODERATOR, Role.MODERATOR)).isTrue();
        assertThat(InviteRules.mayGrant(Role.MODERATOR, Role.ADMIN)).isFalse();
        assertThat(InviteRules.mayGrant(Role.ADMIN, Role.ADMIN)).isTrue();
        assertThat(InviteRules.mayGrant(Role.ADMIN, Role.GUEST)).isFalse();
    }

    @Test
    void eachReasonAnInviteFailsIsNamed() {
        assertThat(InviteRules.refusal(invite(0, null, null), NOW, Optional.of(Role.ADMIN))).isEmpty();
        assertThat(InviteRules.refusal(invite(0, null, NOW), NOW, Optional.of(Role.ADMIN))).get().asString()
                .contains("revoked");
        assertThat(InviteRules.refusal(invite(0, NOW, null), NOW, Optional.of(Role.ADMIN))).get().asString()
                .contains("expired");
        assertThat(InviteRules.refusal(invite(3, null, null), NOW, Optional.of(Role.ADMIN))).get().asString()
                .contains("used up");
        assertThat(InviteRules.refusal(invite(0, null, null), NOW, Optional.of(Role.MEMBER))).get().asString()
                .contains("no longer valid");
        assertThat(InviteRules.refusal(invite(0, null, null), NOW, Optional.empty())).get().asString()
                .contains("no longer valid");
    }

    private static StoredInvite invite(int uses, Instant expires, Instant revoked) {
        return new StoredInvite(1, "code", Role.MEMBER, 1, 3, uses, expires, NOW.minusSeconds(60), 7, "mod", revoked);
    }
}
