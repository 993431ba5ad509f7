package dev.parley.client.ui.app;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.UiRoom;
import dev.parley.protocol.control.message.Invites;
import dev.parley.protocol.control.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Room admin window's Invites tab with a few invites, for a screenshot under Xvfb
 * ({@code docs/invites.png}): ann hosts as the room's admin, a moderator made two invites, ann makes
 * a third from the tab. Runs until killed.
 */
public final class InvitesScreenshotDemo {
    private InvitesScreenshotDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path temp = Files.createTempDirectory("parley-invites-demo");
        TestRoom room = TestRoom.start(temp.resolve("room"));
        Platform.startup(() -> {
            Stage stage = new Stage();
            AppContext context = UiRoom.context(temp.resolve("home"), UiThread.fx(), Executors.newCachedThreadPool());
            AppShell shell = new AppShell(stage, context, url -> { });
            stage.setTitle("Parley");
            stage.setWidth(1000);
            stage.setHeight(620);
            stage.show();
            context.sessions()
                    .connect("127.0.0.1", room.port(), new Credentials.Register("ann", Clients.PASSWORD, null), null)
                    // Off the client's event thread: the requests below wait for replies it delivers.
                    .thenAcceptAsync(session -> {
                        Platform.runLater(() -> shell.entered(session));
                        try {
                            ControlClient mod = Clients.client(room.port());
                            long modId = Clients.signIn(mod, new Credentials.Register("mod", Clients.PASSWORD, null)).self().id();
                            Clients.await(session.client().requestOk(
                                    new dev.parley.protocol.control.message.Users.SetRole(modId, Role.MODERATOR)));
                            Clients.await(mod.request(new Invites.Create(10, 7 * 24 * 60, null, Role.MEMBER), Invites.Created.class));
                            Clients.await(mod.request(new Invites.Create(1, null, null, Role.MODERATOR), Invites.Created.class));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        Platform.runLater(() -> openInvites(stage));
                    }, Executors.newSingleThreadExecutor()).exceptionally(failure -> {
                        failure.printStackTrace();
                        return null;
                    });
        });
        Thread.currentThread().join();
    }

    private static void openInvites(Stage main) {
        ((Button) main.getScene().lookup("#open-room-admin")).fire();
        for (Window window : Window.getWindows()) {
            TabPane tabs = (TabPane) window.getScene().lookup("#admin-tabs");
            if (tabs != null) {
                tabs.getTabs().stream().filter(tab -> "admin-tab-invites".equals(tab.getId())).findFirst()
                        .ifPresent(tab -> tabs.getSelectionModel().select(tab));
                Platform.runLater(() -> ((Button) window.getScene().lookup("#invite-create")).fire());
            }
        }
    }
}
