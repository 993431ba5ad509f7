package dev.parley.client.ui.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.e2e.Verification;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedMembersTest {
    private static final String NUMBER = "01584 30571 34150 68299 17065 28514";

    private static SharedMembers.Member me() {
        return new SharedMembers.Member(1, "ann", true, Verification.VERIFIED, "k1", null);
    }

    private static SharedMembers.Member member(long id, String name, Verification state) {
        return new SharedMembers.Member(id, name, false, state, state == Verification.NO_KEY ? null : "k" + id,
                state == Verification.NO_KEY ? null : NUMBER);
    }

    @Test
    void summaryCountsMembersAndThoseNotVerifiedLeavingMeOut() {
        assertThat(SharedMembers.summary(List.of(me(), member(2, "bob", Verification.UNVERIFIED),
                member(3, "cy", Verification.VERIFIED)))).isEqualTo("3 members · 1 unverified");
    }

    @Test
    void summaryPutsAChangedKeyFirstAndNamesMembersWithoutAKey() {
        assertThat(SharedMembers.summary(List.of(me(), member(2, "bob", Verification.CHANGED),
                member(3, "cy", Verification.UNVERIFIED), member(4, "di", Verification.UNVERIFIED),
                member(5, "ed", Verification.NO_KEY))))
                .isEqualTo("5 members · 1 key changed · 2 unverified · 1 without a key");
    }

    @Test
    void summaryOfAChannelWhereEveryoneIsVerifiedIsJustTheCount() {
        assertThat(SharedMembers.summary(List.of(me()))).isEqualTo("1 member");
        assertThat(SharedMembers.summary(List.of(me(), member(2, "bob", Verification.VERIFIED)))).isEqualTo("2 members");
    }

    @Test
    void aMemberWhoseKeyChangedIsListedFirstAndIAmListedLast() {
        List<SharedMembers.Member> ordered = SharedMembers.ordered(List.of(me(), member(3, "Cy", Verification.VERIFIED),
                member(2, "bob", Verification.UNVERIFIED), member(4, "zed", Verification.CHANGED)));

        assertThat(ordered).extracting(SharedMembers.Member::name).containsExactly("zed", "bob", "Cy", "ann");
    }

    @Test
    void statesReadAsMarks() {
        assertThat(member(2, "bob", Verification.VERIFIED).stateText()).isEqualTo("✓ verified");
        assertThat(member(2, "bob", Verification.CHANGED).stateText()).isEqualTo("⚠ key changed");
        assertThat(member(2, "bob", Verification.UNVERIFIED).stateText()).isEqualTo("unverified");
        assertThat(member(2, "bob", Verification.NO_KEY).stateText()).isEqualTo("no key");
        assertThat(me().stateText()).isEqualTo("you");
    }

    @Test
    void addingGivesTheNextKeyToTheMembersAndTheNewcomersButNeverListsMeTwice() {
        assertThat(SharedMembers.adding(List.of(1L, 2L), List.of(3L, 2L), 1)).containsExactly(2L, 3L);
        assertThat(SharedMembers.adding(List.of(), List.of(2L), 1)).as("a channel that is not shared yet")
                .containsExactly(2L);
    }

    @Test
    void removingLeavesTheRemovedOneOutOfTheNextKey() {
        assertThat(SharedMembers.removing(List.of(1L, 2L, 3L), 2, 1)).containsExactly(3L);
        assertThat(SharedMembers.removing(List.of(1L, 2L), 2, 1)).as("only I am left").isEmpty();
    }

    @Test
    void membersWithoutAnIdentityKeyAreNamedInTheRefusal() {
        assertThat(SharedMembers.withoutKey(List.of(2L), id -> "bob"))
                .startsWith("bob has no identity key yet").contains("sign in once with the Parley app")
                .endsWith("Nothing was changed.");
        assertThat(SharedMembers.withoutKey(List.of(2L, 3L), id -> id == 2 ? "bob" : "cy"))
                .startsWith("bob, cy have no identity key yet");
    }
}
