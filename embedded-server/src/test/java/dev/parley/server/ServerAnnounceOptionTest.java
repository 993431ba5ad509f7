package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** {@code --no-announce} and {@code --announce-on} as the headless server reads them. */
class ServerAnnounceOptionTest {
    private static ServerMain parse(String... args) {
        ServerMain main = new ServerMain();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void announcesByDefaultWhereTheRoomListens() {
        assertThat(parse().lan.addresses("127.0.0.1")).containsExactly(InetAddress.getLoopbackAddress());
        // On every address, the default interfaces (the build pins them to loopback for tests).
        assertThat(parse().lan.addresses("0.0.0.0")).containsExactly(InetAddress.getLoopbackAddress());
    }

    @Test
    void noAnnounceStaysQuiet() {
        assertThat(parse("--no-announce").lan.addresses("0.0.0.0")).isEmpty();
    }

    @Test
    void announceOnPicksInterfacesAndRefusesUnknownOnesBeforeTheRoomStarts() {
        assertThat(parse("--announce-on", "lo").lan.addresses("0.0.0.0")).contains(InetAddress.getLoopbackAddress());
        assertThatThrownBy(() -> parse("--announce-on", "nosuch0").lan.addresses("0.0.0.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nosuch0");
    }

    @Test
    void helpNamesBothOptions() {
        String help = new CommandLine(new ServerMain()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).contains("--no-announce").contains("--announce-on");
    }
}
