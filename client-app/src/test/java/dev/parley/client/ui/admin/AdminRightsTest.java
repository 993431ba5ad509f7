package dev.parley.client.ui.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Moderation;
import dev.parley.protocol.control.model.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each role is shown, by the server's rules; and what a ban dialog's choice sends. */
class AdminRightsTest {

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"MEMBER", "GUEST"})
    void membersAndGuestsSeeNoAdminEntryPoint(Role role) {
        assertThat(AdminRights.canOpenAdmin(role)).isFalse();
        assertThat(AdminRights.canBan(role)).isFalse();
        assertThat(AdminRights.canBan(role, Role.GUEST)).isFalse();
        assertThat(AdminRights.canChangeRole(role, 7, false)).isFalse();
        assertThat(AdminRights.canEditPermissions(role)).isFalse();
        assertThat(AdminRights.canDeleteOthersMessages(role)).isFalse();
    }

    @Test
    void aModeratorBansLowerRanksButChangesNoRoles() {
        assertThat(AdminRights.canOpenAdmin(Role.MODERATOR)).isTrue();
        assertThat(AdminRights.isAdmin(Role.MODERATOR)).isFalse();
        assertThat(AdminRights.canBan(Role.MODERATOR, Role.MEMBER)).isTrue();
        assertThat(AdminRights.canBan(Role.MODERATOR, Role.GUEST)).isTrue();
        assertThat(AdminRights.canBan(Role.MODERATOR, Role.MODERATOR)).isFalse();
        assertThat(AdminRights.canBan(Role.MODERATOR, Role.ADMIN)).isFalse();
        assertThat(AdminRights.canChangeRole(Role.MODERATOR, 7, false)).isFalse();
        assertThat(AdminRights.canDeleteOthersMessages(Role.MODERATOR)).isTrue();
        assertThat(ChannelPermissionsDialog.editableRoles(Role.MODERATOR)).containsExactly(Role.MEMBER, Role.GUEST);
    }

    @Test
    void anAdminChangesTheRolesOfOtherAccountsOnly() {
        assertThat(AdminRights.canChangeRole(Role.ADMIN, 7, false)).isTrue();
        assertThat(AdminRights.canChangeRole(Role.ADMIN, 7, true)).as("not on oneself").isFalse();
        assertThat(AdminRights.canChangeRole(Role.ADMIN, -1_000_001, false)).as("a guest has no account").isFalse();
        assertThat(ChannelPermissionsDialog.editableRoles(Role.ADMIN)).doesNotContain(Role.ADMIN);
    }

    @Test
    void aBanChoiceSendsTheLengthAndAlwaysTheAddressForAGuest() {
        assertThat(new BanChoice("  spam ", BanChoice.Length.DAY, false).request(7))
                .isEqualTo(new Moderation.Ban(7L, "spam", 86_400_000L, null));
        assertThat(new BanChoice("", BanChoice.Length.FOREVER, false).request(-1_000_001))
                .isEqualTo(new Moderation.Ban(-1_000_001L, null, null, true));
    }
}
