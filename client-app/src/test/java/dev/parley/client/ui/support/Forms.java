package dev.parley.client.ui.support;

import static org.awaitility.Awaitility.await;

import dev.parley.client.ui.connect.SignInMode;
import java.time.Duration;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;

/** Filling the start screen's join form in UI tests (typing char by char is slow on Monocle; the click is real). */
public final class Forms {
    public static final Duration WAIT = Duration.ofSeconds(45);

    private Forms() {
    }

    /** Reads UI-thread state from a test thread. */
    public static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(read).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading UI state failed", e);
        }
    }

    public static void joinAsGuest(FxRobot robot, int port, String name) {
        join(robot, port, SignInMode.GUEST, name, null);
    }

    /** Creates an account (accounts, unlike guests, can use direct messages). */
    public static void register(FxRobot robot, int port, String name) {
        join(robot, port, SignInMode.REGISTER, name, dev.parley.client.core.support.Clients.PASSWORD);
    }

    /** Signs in to an account made earlier (by {@link #register}). */
    public static void logIn(FxRobot robot, int port, String name) {
        join(robot, port, SignInMode.LOG_IN, name, dev.parley.client.core.support.Clients.PASSWORD);
    }

    private static void join(FxRobot robot, int port, SignInMode mode, String name, String password) {
        robot.interact(() -> {
            robot.lookup("#connect-host").<TextField>query().setText("127.0.0.1");
            robot.lookup("#connect-port").<TextField>query().setText(Integer.toString(port));
            robot.lookup("#connect-mode").<ChoiceBox<Object>>query().setValue(mode);
            robot.lookup("#connect-username").<TextField>query().setText(name);
            if (password != null) {
                robot.lookup("#connect-password").<TextField>query().setText(password);
            }
        });
        robot.clickOn("#connect-join");
        await().atMost(WAIT).until(() -> robot.lookup("#channel-tree").tryQuery().isPresent());
    }
}
