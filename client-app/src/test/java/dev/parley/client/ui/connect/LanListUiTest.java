package dev.parley.client.ui.connect;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.device.NullAudioDevices;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.app.AppShell;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.UiRoom;
import dev.parley.protocol.discovery.LanAnnouncement;
import dev.parley.protocol.tls.Fingerprint;
import dev.parley.server.discovery.DiscoveredRoom;
import dev.parley.server.discovery.LanInterfaces;
import dev.parley.server.discovery.RoomAnnouncer;
import dev.parley.server.discovery.RoomBrowser;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The start screen's "Rooms on your network" list, with discovery on (bound to 127.0.0.1 only): an
 * app-hosted room shows its name, users online, ping and lock; choosing it joins without a trust
 * question because the certificate matches its announcement; a room whose announcement names
 * another certificate still gets the question, and a "no" refuses it.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LanListUiTest {
    @TempDir
    Path temp;
    private final ExecutorService background = Executors.newFixedThreadPool(3);
    private final AtomicInteger questions = new AtomicInteger();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private AppShell joiner;
    private AppShell host;
    private Stage hostStage;

    @Start
    void start(Stage stage) {
        assertThat(LanInterfaces.defaults()).as("discovery in tests binds loopback only")
                .containsExactly(InetAddress.getLoopbackAddress());
        // Whoever is asked "trust this room?" says no and is counted.
        FingerprintDecision askUser = contact -> {
            questions.incrementAndGet();
            return CompletableFuture.completedFuture(false);
        };
        joiner = new AppShell(stage, UiRoom.context(temp.resolve("joiner"), UiThread.fx(), background,
                new NullAudioDevices(), askUser, true), url -> { });
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            joiner.shutdown();
            if (host != null) {
                host.shutdown();
                hostStage.close();
            }
        }).get(30, TimeUnit.SECONDS);
        background.shutdownNow();
    }

    @Test
    void anAppHostedRoomIsListedWithItsDetailsAndChoosingItJoinsWithoutAQuestion(FxRobot robot) throws Exception {
        String name = "Party " + tag;
        try (RoomBrowser watcher = RoomBrowser.browse(LanInterfaces.defaults(), rooms -> { })) {
            hostRoom(robot, name, "door");
            // The host is signed in to its own room: one user online, and the room is locked.
            LanRoom row = awaitRow(robot, name, shown -> shown.room().usersOnline() == 1 && shown.pingMillis() >= 0);
            String label = cellFor(robot, name).getText();
            assertThat(label).contains(name).contains("1 online").contains("locked").containsPattern("(\\d+|<1) ms");
            assertThat(row.room().fingerprint())
                    .isEqualTo(onFx(() -> host.main().session().hosted().orElseThrow().fingerprint().orElseThrow()));

            // The host's window opened on top: the user turns back to their own.
            robot.interact(() -> joiner.stage().toFront());
            robot.interact(() -> {
                robot.from(joiner.stage().getScene().getRoot()).lookup("#connect-mode").<ChoiceBox<Object>>query()
                        .setValue(SignInMode.GUEST);
                robot.from(joiner.stage().getScene().getRoot()).lookup("#connect-username").<TextField>query().setText("erin");
                robot.from(joiner.stage().getScene().getRoot()).lookup("#connect-room-password").<PasswordField>query()
                        .setText("door");
            });
            robot.doubleClickOn(cellFor(robot, name));

            await().atMost(WAIT).until(() -> onFx(() -> joiner.main() != null
                    || !joiner.connectModel().errorProperty().get().isEmpty()));
            assertThat(onFx(() -> joiner.connectModel().errorProperty().get())).isEmpty();
            assertThat(questions).as("trust questions").hasValue(0);
            assertThat(onFx(() -> joiner.connectModel().hostProperty().get())).isEqualTo("127.0.0.1");
            assertThat(onFx(() -> joiner.connectModel().portProperty().get())).isEqualTo(Integer.toString(row.room().port()));
            // The announcement follows: two users now.
            await().atMost(WAIT).until(() -> find(watcher, name).map(DiscoveredRoom::usersOnline).orElse(-1) == 2);

            // The host stops hosting: the room leaves the LAN.
            robot.interact(() -> host.leave());
            await().atMost(WAIT).until(() -> find(watcher, name).isEmpty());
        }
    }

    @Test
    void aRoomShowingAnotherCertificateThanItAnnouncedStillAsksAndANoRefuses(FxRobot robot) throws Exception {
        String name = "Forged " + tag;
        Fingerprint forged = Fingerprint.parse("00".repeat(32));
        try (TestRoom room = TestRoom.start(temp.resolve("room"));
             RoomAnnouncer announcer = RoomAnnouncer.start(() -> {
                 LanAnnouncement real = RoomAnnouncer.announcementOf(room.server());
                 return new LanAnnouncement(name, real.port(), real.voicePort(), forged, false, real.usersOnline(),
                         real.protocolVersion(), real.appVersion());
             }, LanInterfaces.defaults(), Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            awaitRow(robot, name, shown -> shown.room().port() == room.port());
            robot.interact(() -> {
                robot.lookup("#connect-mode").<ChoiceBox<Object>>query().setValue(SignInMode.GUEST);
                robot.lookup("#connect-username").<TextField>query().setText("mallory-victim");
            });
            robot.doubleClickOn(cellFor(robot, name));

            await().atMost(WAIT).until(() -> questions.get() == 1);
            await().atMost(WAIT).until(() -> !onFx(() -> joiner.connectModel().errorProperty().get()).isEmpty());
            assertThat(onFx(() -> joiner.main())).isNull();
            assertThat(onFx(() -> joiner.connectModel().errorProperty().get())).contains("not trusted");
        }
    }

    private void hostRoom(FxRobot robot, String name, String password) throws Exception {
        robot.interact(() -> {
            hostStage = new Stage();
            host = new AppShell(hostStage, UiRoom.context(temp.resolve("host"), UiThread.fx(), background,
                    new NullAudioDevices(), FingerprintDecision.refuseUnknown(), true), url -> { });
            hostStage.show();
        });
        Node root = onFx(() -> hostStage.getScene().getRoot());
        robot.clickOn(robot.from(root).lookup("#tab-host").<Node>query());
        int free;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        int port = free;
        robot.interact(() -> {
            robot.from(root).lookup("#host-name").<TextField>query().setText(name);
            robot.from(root).lookup("#host-port").<TextField>query().setText(Integer.toString(port));
            robot.from(root).lookup("#host-password").<TextField>query().setText(password);
        });
        robot.interact(() -> ((javafx.scene.control.Button) robot.from(root).lookup("#host-start").query()).fire());
        await().atMost(WAIT).until(() -> onFx(() -> host.main() != null));
    }

    private LanRoom awaitRow(FxRobot robot, String name, java.util.function.Predicate<LanRoom> condition) {
        return await().atMost(WAIT).until(() -> onFx(() -> joiner.connectModel().lanRooms().stream()
                .filter(row -> row.room().roomName().equals(name)).filter(condition).findFirst().orElse(null)),
                row -> row != null);
    }

    @SuppressWarnings("unchecked")
    private ListCell<LanRoom> cellFor(FxRobot robot, String name) {
        return await().atMost(WAIT).until(() -> onFx(() -> robot.from(joiner.stage().getScene().getRoot())
                .lookup(".list-cell").queryAll().stream()
                .filter(node -> node instanceof ListCell<?> cell && cell.getItem() instanceof LanRoom row
                        && row.room().roomName().equals(name))
                .map(node -> (ListCell<LanRoom>) node).findFirst().orElse(null)), cell -> cell != null);
    }

    private static Optional<DiscoveredRoom> find(RoomBrowser browser, String name) {
        List<DiscoveredRoom> rooms = browser.rooms();
        return rooms.stream().filter(room -> room.roomName().equals(name)).findFirst();
    }
}
