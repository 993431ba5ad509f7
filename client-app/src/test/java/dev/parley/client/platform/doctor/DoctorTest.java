package dev.parley.client.platform.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.cli.DoctorCommand;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.platform.SingleInstance;
import dev.parley.platform.AppDirs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code parley doctor} against a real room on loopback, and what it must never print. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DoctorTest {
    @TempDir
    Path temp;
    private TestRoom room;
    private SingleInstance instance;

    @AfterEach
    void tearDown() {
        if (instance != null) {
            instance.close();
        }
        if (room != null) {
            room.close();
        }
    }

    private AppDirs dirs() {
        return new AppDirs(temp.resolve("data"), temp.resolve("logs"));
    }

    private String doctor(String... args) {
        DoctorCommand command = new DoctorCommand();
        StringWriter out = new StringWriter();
        int code = new CommandLine(command).setOut(new PrintWriter(out)).execute(args);
        assertThat(code).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void aRoomOnLoopbackGetsUdpARoundTripAndItsFingerprint() {
        room = TestRoom.start(temp.resolve("room"));
        String fingerprint = room.server().fingerprint().orElseThrow().toString();

        String report = doctor("--room", "127.0.0.1:" + room.port(), "--seconds", "2", "--no-open",
                "--data", temp.resolve("data").toString());

        assertThat(report).contains("== Versions", "Java: " + System.getProperty("java.runtime.version"), "== Audio devices",
                "== Echo cancellation", "== Data folders", "== Room");
        assertThat(report).contains("fingerprint: " + fingerprint + " (you have not trusted this room before)");
        assertThat(report).contains("voice path: UDP gets through");
        // Which backend the speaker uses, and why (no server in this JVM's environment, or --no-open: not tried).
        assertThat(report).containsPattern("Speaker output \\(-Dparley\\.audio\\.output=\\w+\\): (PulseAudio|javax\\.sound)");
        assertThat(report).containsPattern("round trip: \\d+\\.\\d ms over \\d+ pings; loss up \\d+\\.\\d%");
    }

    @Test
    void whenUdpDoesNotGetThroughItSaysVoiceWouldUseTheTunnel() throws Exception {
        room = TestRoom.start(temp.resolve("room"));
        try (DatagramSocket blackHole = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // Voice datagrams go to a socket nobody answers on: as behind a firewall that drops UDP.
            InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), blackHole.getLocalPort());
            Doctor doctor = new Doctor(dirs(), Optional.of(new RoomTarget("127.0.0.1", room.port(), false)),
                    Duration.ofSeconds(4), false, relay -> nowhere);

            String report = doctor.run().render();

            assertThat(report).contains("voice path: UDP does not get through: voice would use the tunnel");
            assertThat(report).containsPattern("round trip: \\d+\\.\\d ms over \\d+ pings");
        }
    }

    @Test
    void aRoomThatIsNotThereIsAClearLineNotACrash() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String report = doctor("--room", "127.0.0.1:" + closed, "--seconds", "1", "--no-open",
                "--data", temp.resolve("data").toString());
        assertThat(report).contains("== Room", "could not join:");
    }

    @Test
    void neverPrintsPasswordsTokensOrTheHandOffToken() throws Exception {
        Path data = temp.resolve("data");
        Files.createDirectories(data);
        // What a real data folder holds: a hosted room's admin password in the preferences, and the
        // single-instance token of a running Parley.
        String adminPassword = "Tr0ub4dor-and-3-horses";
        Files.writeString(data.resolve("preferences.json"),
                "{\"hostCredentials\":{\"/x/server/room\":{\"username\":\"host\",\"password\":\"" + adminPassword + "\"}}}");
        instance = ((SingleInstance.First) SingleInstance.claim(data, "", link -> { }, Duration.ofSeconds(5))).instance();
        String token = Files.readString(data.resolve(SingleInstance.INFO_FILE)).strip().split(" ")[1];
        room = TestRoom.start(temp.resolve("room"));

        String report = doctor("--room", "parley://someone@127.0.0.1:" + room.port() + "/", "--seconds", "1", "--no-open",
                "--data", data.toString());

        assertThat(report).contains("preferences.json", "== Room", "signed in as guest");
        assertThat(report).doesNotContain(adminPassword).doesNotContain(token);
        assertThat(report).doesNotContain(System.getProperty("user.home") + "/");
    }

    @Test
    void theRedactorCatchesSecretsThatSlipThrough() {
        Redactor redactor = new Redactor(java.util.List.of("hunter2-long"), "/home/ann");
        assertThat(redactor.clean("wss://ann:s3cret@host/")).isEqualTo("wss://ann:[redacted]@host/");
        assertThat(redactor.clean("token=abc password: xyz")).isEqualTo("token=[redacted] password: [redacted]");
        assertThat(redactor.clean("said hunter2-long")).isEqualTo("said [redacted]");
        assertThat(redactor.clean("key " + "ab12".repeat(16))).isEqualTo("key [redacted]");
        assertThat(redactor.clean("/home/ann/.local/share/parley")).isEqualTo("~/.local/share/parley");
        String fingerprint = "3F:A0:" + "12:".repeat(29) + "FF";
        assertThat(redactor.clean("fingerprint: " + fingerprint)).isEqualTo("fingerprint: " + fingerprint);
    }

    @Test
    void aRoomNameThatIsNeitherFormIsRefusedWithASentence() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new DoctorCommand()).setErr(new PrintWriter(err)).execute("--room", "host:port");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("not a number");
    }
}
