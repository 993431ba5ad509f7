package dev.parley.client.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.tls.Fingerprint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JoinLinkTest {

    @Test
    void hostPortAndChannelAreRead() {
        assertThat(JoinLink.parse("parley://chat.example.org:7800/General"))
                .isEqualTo(new JoinLink("chat.example.org", 7800, "General", ""));
    }

    @Test
    void portDefaultsToTheStandardControlPort() {
        assertThat(JoinLink.parse("parley://10.0.0.5/Games").port()).isEqualTo(7720);
    }

    @Test
    void linkWithoutChannelStaysInTheLobby() {
        JoinLink link = JoinLink.parse("parley://10.0.0.5:7720");

        assertThat(link.hasChannel()).isFalse();
        assertThat(JoinLink.parse("parley://10.0.0.5:7720/").hasChannel()).isFalse();
    }

    @Test
    void escapedChannelNamesAreDecoded() {
        assertThat(JoinLink.parse("parley://host:7720/Late%20night%20raid/").channel()).isEqualTo("Late night raid");
    }

    @Test
    void nicknameBeforeTheHostIsReadAsGuestName() {
        JoinLink link = JoinLink.parse("parley://ann%C3%A9@host:7720/General");

        assertThat(link.nickname()).isEqualTo("anné");
        assertThat(link.hasNickname()).isTrue();
    }

    @Test
    void ipv6HostLosesItsBrackets() {
        assertThat(JoinLink.parse("parley://[::1]:7721/x").host()).isEqualTo("::1");
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(JoinLink.isLink("PARLEY://host")).isTrue();
        assertThat(JoinLink.parse("Parley://host/a").host()).isEqualTo("host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"parley://host:7720/General", "parley://bob@[fe80::1]:9000/Late%20night", "parley://h:1"})
    void canonicalFormReadsBackToTheSameLink(String text) {
        JoinLink link = JoinLink.parse(text);

        assertThat(JoinLink.parse(link.toUri())).isEqualTo(link);
    }

    @Test
    void toUriEscapesSpaces() {
        assertThat(new JoinLink("h", 7720, "Late night", "").toUri()).isEqualTo("parley://h:7720/Late%20night");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--server", "http://host:7720/x", "/tmp/parley", ""})
    void otherArgumentsAreNotLinks(String argument) {
        assertThat(JoinLink.isLink(argument)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"parley://", "parley:///General", "parley://host:0/x", "parley://host:70000/x",
            "parley://host:port/x", "parley://ho st/x", "parley:host"})
    void unusableLinksAreRefusedWithASentence(String text) {
        assertThatThrownBy(() -> JoinLink.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("link");
    }

    @Test
    void channelIsFoundByNameIgnoringCaseOrById() {
        List<ChannelInfo> channels = List.of(new ChannelInfo(1, null, "Lobby", "", 0, false),
                new ChannelInfo(7, 1L, "General", "", 0, false), new ChannelInfo(9, 1L, "2024", "", 1, false));

        assertThat(JoinLink.parse("parley://h/general").channelIn(channels)).map(ChannelInfo::id).contains(7L);
        assertThat(JoinLink.parse("parley://h/7").channelIn(channels)).map(ChannelInfo::id).contains(7L);
        assertThat(JoinLink.parse("parley://h/2024").channelIn(channels)).map(ChannelInfo::id).contains(9L);
        assertThat(JoinLink.parse("parley://h/Missing").channelIn(channels)).isEmpty();
        assertThat(JoinLink.parse("parley://h").channelIn(channels)).isEmpty();
    }

    @Test
    void nonLinksAreRefused() {
        assertThatThrownBy(() -> JoinLink.parse("http://host/x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static final String FP = "3f:a0:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e";

    @Test
    void anInviteCarriesTheCertificateFingerprintAndReadsBack() {
        JoinLink invite = JoinLink.invite("192.168.1.5", 7720, Fingerprint.parse(FP));

        assertThat(invite.toUri()).isEqualTo("parley://192.168.1.5:7720?fp=" + FP.replace(":", ""));
        assertThat(JoinLink.parse(invite.toUri())).isEqualTo(invite);
        assertThat(JoinLink.parse(invite.toUri()).pinned()).contains(Fingerprint.parse(FP));
    }

    @Test
    void theFingerprintMayBeWrittenWithColonsAndBesideAChannel() {
        JoinLink link = JoinLink.parse("parley://ann@host:9000/General?fp=" + FP.toUpperCase());

        assertThat(link.channel()).isEqualTo("General");
        assertThat(link.nickname()).isEqualTo("ann");
        assertThat(link.pinned()).contains(Fingerprint.parse(FP));
    }

    @Test
    void aLinkWithoutFingerprintPinsNothing() {
        assertThat(JoinLink.parse("parley://host:7720/General").pinned()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"parley://host?fp=", "parley://host?fp=3fa0", "parley://host/x?fp=zz"})
    void aDamagedFingerprintIsRefusedRatherThanIgnored(String text) {
        // Ignoring it would fall back to asking, and the user trusted the invite to decide.
        assertThatThrownBy(() -> JoinLink.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fingerprint");
    }

    @Test
    void anInviteLinkCarriesRoomFingerprintAndCodeAndReadsBack() {
        JoinLink invite = JoinLink.invite("192.168.1.5", 7720, Fingerprint.parse(FP), "Qm9vX2Nvb2wtY29kZQ");

        assertThat(invite.toUri()).isEqualTo("parley://192.168.1.5:7720?fp=" + FP.replace(":", "") + "&invite=Qm9vX2Nvb2wtY29kZQ");
        assertThat(JoinLink.parse(invite.toUri())).isEqualTo(invite);
        assertThat(JoinLink.parse(invite.toUri()).inviteCode()).contains("Qm9vX2Nvb2wtY29kZQ");
    }

    @Test
    void oldLinksHaveNoInviteCodeAndUnknownParametersAreIgnored() {
        assertThat(JoinLink.parse("parley://host?fp=" + FP.replace(":", "")).inviteCode()).isEmpty();
        assertThat(JoinLink.parse("parley://host?later=1&invite=abc_DEF-1").inviteCode()).contains("abc_DEF-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"parley://host?invite=", "parley://host?invite=a%20b", "parley://host?invite=%3Cscript%3E"})
    void aDamagedInviteCodeIsRefusedRatherThanSent(String text) {
        assertThatThrownBy(() -> JoinLink.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invite code");
    }
}
