package dev.parley.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.control.ConnectionAdmission.Stage;
import dev.parley.server.control.ConnectionAdmission.Verdict;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionAdmissionTest {
    private final ConnectionAdmission admission = new ConnectionAdmission(2, Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(30));

    @Test
    void aClientThatHasNotAskedToSignInIsDroppedAtTheDeadline() {
        assertThat(admission.check(Stage.AWAITING_SIGN_IN, 29_000)).isEqualTo(Verdict.KEEP);
        assertThat(admission.check(Stage.AWAITING_SIGN_IN, 31_000)).isEqualTo(Verdict.SIGN_IN_TOO_SLOW);
    }

    @Test
    void aClientWhoseSignInTheRoomIsStillWorkingOnIsKeptPastTheDeadlineButNotForever() {
        assertThat(admission.check(Stage.SIGNING_IN, 31_000)).isEqualTo(Verdict.KEEP);
        assertThat(admission.check(Stage.SIGNING_IN, 119_000)).isEqualTo(Verdict.KEEP);
        assertThat(admission.check(Stage.SIGNING_IN, 121_000)).isEqualTo(Verdict.SIGN_IN_TOO_SLOW);
    }

    @Test
    void anAddressGetsNoMoreThanItsShareAndAClosedConnectionFreesASlot() throws Exception {
        InetAddress address = InetAddress.getByName("127.0.0.7");
        assertThat(admission.admit(address)).isTrue();
        assertThat(admission.admit(address)).isTrue();
        assertThat(admission.admit(address)).isFalse();
        admission.released(address);
        assertThat(admission.admit(address)).isTrue();
        assertThat(admission.refusedTotal()).isEqualTo(1);
    }
}
