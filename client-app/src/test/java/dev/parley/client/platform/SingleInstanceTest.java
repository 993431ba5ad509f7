package dev.parley.client.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One Parley per user: later starts hand their link to the running one, over loopback, with a token. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SingleInstanceTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    @TempDir
    Path folder;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private SingleInstance first;
    private Process child;

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (first != null) {
            first.close();
        }
    }

    private SingleInstance becomeFirst() throws IOException {
        SingleInstance.Claim claim = SingleInstance.claim(folder, "", received::add, PATIENCE);
        assertThat(claim).isInstanceOf(SingleInstance.First.class);
        first = ((SingleInstance.First) claim).instance();
        return first;
    }

    @Test
    void aSecondParleyProcessHandsItsLinkToTheRunningOneAndEnds() throws Exception {
        becomeFirst();
        String link = "parley://ann@127.0.0.1:7720/Lobby";

        // The real desktop entry point, in its own JVM: it must not open a window, only hand over.
        child = ChildJvm.start(folder.resolve("second.log"), List.of("-Dparley.home=" + folder),
                "dev.parley.client.ui.app.ParleyLauncher", link);

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the second start ends by itself").isTrue();
        assertThat(child.exitValue()).as(Files.readString(folder.resolve("second.log"))).isZero();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(link);
    }

    @Test
    void aSecondStartWithoutALinkAsksTheRunningOneToShowItself() throws Exception {
        becomeFirst();
        assertThat(SingleInstance.claim(folder, "", link -> { }, PATIENCE)).isInstanceOf(SingleInstance.HandedOff.class);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void theTokenIsReadableByItsOwnerOnlyAndAWrongTokenHandsNothingOver() throws Exception {
        SingleInstance instance = becomeFirst();
        Path info = folder.resolve(SingleInstance.INFO_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(info))).isEqualTo("rw-------");

        // Another local user can reach the port but not read the token.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), instance.port())) {
            socket.getOutputStream().write(("00".repeat(32) + "\nparley://evil@203.0.113.9/\n").getBytes(StandardCharsets.UTF_8));
            assertThat(socket.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
        }
        // A flood without a newline is cut off, not buffered.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), instance.port())) {
            OutputStream out = socket.getOutputStream();
            byte[] junk = new byte[SingleInstance.MAX_MESSAGE_BYTES * 4];
            java.util.Arrays.fill(junk, (byte) 'a');
            try {
                out.write(junk);
            } catch (IOException closedMidway) {
                // expected: the other side stopped reading
            }
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        } catch (IOException resetByPeer) {
            // also a refusal
        }
        assertThat(SingleInstance.claim(folder, "parley://bob@127.0.0.1/", link -> { }, PATIENCE))
                .isInstanceOf(SingleInstance.HandedOff.class);
        assertThat(received.poll(10, TimeUnit.SECONDS)).as("only the genuine hand-off arrived").isEqualTo("parley://bob@127.0.0.1/");
        assertThat(received).isEmpty();
    }

    @Test
    void whenTheRunningOneStopsTheNextStartTakesOver() throws Exception {
        becomeFirst().close();
        first = null;
        becomeFirst();
        assertThat(Files.exists(folder.resolve(SingleInstance.INFO_FILE))).isTrue();
    }

    @Test
    void aCrashedInstanceLeavesNoClaimBehind() throws Exception {
        child = ChildJvm.start(folder.resolve("holder.log"), List.of(), HoldInstanceMain.class.getName(), folder.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(folder.resolve("holder.log"))
                && Files.readString(folder.resolve("holder.log")).contains("first"));
        assertThat(SingleInstance.claim(folder, "", link -> { }, PATIENCE)).isInstanceOf(SingleInstance.HandedOff.class);

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        // The OS released the lock with the process: this start becomes the running one.
        becomeFirst();
    }

    @Test
    void aLinkThatIsNotOneLineIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> SingleInstance.claim(folder, "parley://a\nparley://b", link -> { }, PATIENCE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
