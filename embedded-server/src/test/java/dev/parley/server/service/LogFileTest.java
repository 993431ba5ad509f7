package dev.parley.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.parley.protocol.control.message.Accounts;
import dev.parley.protocol.control.message.Admin;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.ServerException;
import dev.parley.server.support.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The headless server's rolling log file, and that no secret ever reaches it. */
@Timeout(60)
class LogFileTest {
    @TempDir
    Path dir;

    private final Map<String, Level> savedLevels = new LinkedHashMap<>();
    private ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> console;

    /** Logs everything the server code says, as {@code --log-level trace} does in production. */
    private void logEverything() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.parley")) {
            Logger logger = context.getLogger(name);
            savedLevels.put(name, logger.getLevel());
            logger.setLevel(Level.TRACE);
        }
        // As the shipped logback-server.xml has it: the WebSocket library's own frame dumps stay out.
        Logger webSocket = context.getLogger("org.java_websocket");
        savedLevels.put(webSocket.getName(), webSocket.getLevel());
        webSocket.setLevel(Level.WARN);
        // The file is what this test reads; the build's console needn't scroll past a trace of it.
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        console = root.getAppender("STDOUT");
        if (console != null) {
            root.detachAppender(console);
        }
    }

    @AfterEach
    void restoreLevels() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        savedLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        if (console != null) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(console);
        }
    }

    @Test
    void whatTheServerLogsAlsoGoesToTheFileInTheFolderGiven() throws Exception {
        Path logs = dir.resolve("data").resolve("logs");
        try (LogFile file = LogFile.open(logs)) {
            assertThat(file.path()).isEqualTo(logs.resolve("parley-server.log"));
            LoggerFactory.getLogger("dev.parley.server.Example").warn("the relay could not bind port {}", 7720);
        }
        assertThat(Files.readString(logs.resolve("parley-server.log"), StandardCharsets.UTF_8))
                .contains("WARN").contains("the relay could not bind port 7720");
    }

    @Test
    void aLogFolderThatCannotBeMadeIsAClearErrorNamingTheWayOut() throws Exception {
        Path aFile = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> LogFile.open(aFile.resolve("logs")))
                .isInstanceOf(ServerException.class).hasMessageContaining("--log-dir").hasMessageContaining("--no-log-file");
    }

    @Test
    void levelsAreReadByNameAndAnUnknownOneIsRefused() {
        assertThat(LogFile.level("DEBUG")).isEqualTo(Level.DEBUG);
        assertThat(LogFile.level(" warn ")).isEqualTo(Level.WARN);
        assertThatThrownBy(() -> LogFile.level("verbose")).isInstanceOf(ServerException.class)
                .hasMessageContaining("error, warn, info, debug or trace");
        assertThatThrownBy(() -> LogFile.level("off")).isInstanceOf(ServerException.class);
    }

    @Test
    void noPasswordTokenOrAdminCodeReachesTheLogEvenAtTrace() throws Exception {
        String roomPassword = "room-secret-7f3a";
        String password = "ann-password-91c2";
        String newPassword = "ann-new-password-5d0e";
        String wrongPassword = "ann-wrong-password-2b8d";
        List<String> secrets = new java.util.ArrayList<>(List.of(roomPassword, password, newPassword, wrongPassword));
        Path logs = dir.resolve("logs");
        logEverything();
        try (LogFile file = LogFile.open(logs);
                ParleyServer server = ParleyServer.start(ServerConfig.loopback(dir.resolve("data"))
                        .serverPassword(roomPassword).heartbeat(Duration.ofSeconds(5)).build())) {
            String claimCode = server.adminClaimCode().orElseThrow();
            secrets.add(claimCode);
            try (TestClient ann = TestClient.hello(server.port())) {
                ann.expectError(new Session.Register("ann", password, "not-the-room-password"), ErrorCode.SERVER_PASSWORD);
                Session.AuthOk ok = ann.expect(new Session.Register("ann", password, roomPassword), Session.AuthOk.class);
                secrets.add(ok.token());
                ann.expect(new Admin.Claim(claimCode), Ok.class);
                secrets.add(ann.expect(new Accounts.ChangePassword(password, newPassword), Accounts.TokenRenewed.class).token());
            }
            try (TestClient again = TestClient.hello(server.port())) {
                again.expectError(new Session.Login("ann", wrongPassword), ErrorCode.BAD_CREDENTIALS);
                Session.AuthOk ok = again.expect(new Session.Login("ann", newPassword), Session.AuthOk.class);
                secrets.add(ok.token());
            }
            try (TestClient guest = TestClient.hello(server.port())) {
                guest.expect(new Session.GuestJoin("visitor", roomPassword), Session.AuthOk.class);
            }
        }
        String log = Files.readString(logs.resolve("parley-server.log"), StandardCharsets.UTF_8);

        assertThat(log).as("the server logged the sign-ins at all").contains("claimed the room's admin");
        assertThat(log).as("debug lines are in, so the check covers them").contains(" DEBUG ");
        for (String secret : secrets) {
            assertThat(log).as("the log holds no secret").doesNotContain(secret);
        }
    }
}
