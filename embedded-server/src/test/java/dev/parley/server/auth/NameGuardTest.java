package dev.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameGuardTest {
    private final NameGuard guard = new NameGuard(List.of("ann", "mike", "Boss"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "ann", "ANN", "Ann",
        "\u0430nn",           // Cyrillic а
        "\u0251nn",           // Latin alpha ɑ
        "ａｎｎ",              // full-width
        "ann.", "a-n-n", "a n n",
        "rnike",              // r + n reads as m
        "boss", "B0SS", "BOSS", "Βoss"})  // digit zero; Greek capital beta
    void aGuestCannotPassForAnAccount(String nickname) {
        assertThat(guard.checkGuest(nickname, List.of())).as(nickname).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"admin", "ADMIN", "Admin!", "ad-min", "\u0430dmin", "ΑDMIN", "Moderator", "server",
        "System", "parley", "PARLEY", "root"})
    void aGuestCannotTakeAReservedName(String nickname) {
        assertThat(guard.checkGuest(nickname, List.of())).as(nickname).isPresent();
    }

    @Test
    void aGuestCannotPassForSomeoneOnlineEvenAnotherGuest() {
        assertThat(guard.checkGuest("Vis1tor", List.of("visitor"))).isEmpty();
        assertThat(guard.checkGuest("VISITOR", List.of("visitor"))).isPresent();
        assertThat(guard.checkGuest("Visitor ❤️", List.of("visitor"))).isPresent();
        assertThat(guard.checkGuest("visitor", List.of("Vis\u0456tor"))).isPresent(); // Ukrainian і
    }

    @Test
    void latinMixedWithCyrillicIsRefusedEvenWithoutAVictim() {
        assertThat(guard.checkGuest("p\u0430ypal", List.of())).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Visitor", "Zoé", "Борис", "山田太郎", "やまだ", "Ann Marie", "annette", "Kim ❤️", "anna"})
    void ordinaryNamesInAnyOneScriptAreFine(String nickname) {
        assertThat(guard.checkGuest(nickname, List.of("bob"))).as(nickname).isEmpty();
    }

    @Test
    void aNicknameOfOnlyPunctuationIsRefused() {
        assertThat(guard.checkGuest("...", List.of())).isPresent();
    }

    @Test
    void aNewAccountCannotLookLikeAnotherAccountOrSomeoneOnline() {
        assertThat(guard.checkNewAccount("rnike", List.of())).isPresent();
        assertThat(guard.checkNewAccount("b0ss", List.of())).isPresent();
        assertThat(guard.checkNewAccount("visitor", List.of("Visitor"))).isPresent();
        assertThat(guard.checkNewAccount("admin", List.of())).as("the host may name its admin 'admin'").isEmpty();

        guard.accountAdded("zed");

        assertThat(guard.checkGuest("ZED", List.of())).isPresent();
    }
}
