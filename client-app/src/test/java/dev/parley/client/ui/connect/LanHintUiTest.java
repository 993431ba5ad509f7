package dev.parley.client.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.device.NullAudioDevices;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.UiRoom;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The empty LAN list on the start screen says what is going on, not "looking" when nothing looks. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LanHintUiTest {
    private static String hint(FxRobot robot) {
        return robot.lookup("#connect-lan-hint").<Label>query().getText();
    }

    @Nested
    @ExtendWith(ApplicationExtension.class)
    class WithDiscoveryOff {
        @RegisterExtension
        final AppWindow app = new AppWindow();

        @Test
        void theListSaysDiscoveryIsOffAndHowToJoinInstead(FxRobot robot) {
            assertThat(hint(robot)).contains("LAN discovery is off").contains("address").doesNotContain("Looking");
        }

        @Test
        void aBrowserThatCannotStartSaysWhy(FxRobot robot) {
            robot.interact(() -> app.shell().connectModel().lanUnavailable("no network interface is up"));
            assertThat(hint(robot)).contains("cannot be listed (no network interface is up)");
        }
    }

    @Nested
    @ExtendWith(ApplicationExtension.class)
    class WithDiscoveryOn {
        // Discovery in tests binds loopback only (parley.lan.interfaces in the build).
        @RegisterExtension
        final AppWindow app = new AppWindow((home, background) -> UiRoom.context(home, UiThread.fx(), background,
                new NullAudioDevices(), FingerprintDecision.trustOnFirstUse(), true));

        @Test
        void theListSaysItIsLooking(FxRobot robot) {
            assertThat(hint(robot)).isEqualTo("Looking for rooms on your network…");
        }
    }
}
