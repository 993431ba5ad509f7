package dev.parley.client.ui.friends;

import dev.parley.client.core.friends.FriendBook;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.app.AppContext;
import dev.parley.client.ui.app.AppShell;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.UiRoom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The main window's Friends section for a screenshot under Xvfb ({@code docs/friends.png}): ann is
 * friends with bob (online), cat's request waits for her answer (badge, Accept / Decline), and her own
 * request to dan waits for his. Runs until killed.
 */
public final class FriendsScreenshotDemo {
    private FriendsScreenshotDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path temp = Files.createTempDirectory("parley-friends-demo");
        TestRoom room = TestRoom.start(temp.resolve("room"));
        Platform.startup(() -> {
            Stage stage = new Stage();
            AppContext context = UiRoom.context(temp.resolve("home"), UiThread.fx(), Executors.newCachedThreadPool());
            AppShell shell = new AppShell(stage, context, url -> { });
            stage.setTitle("Parley");
            stage.setWidth(1000);
            stage.setHeight(680);
            stage.show();
            context.sessions()
                    .connect("127.0.0.1", room.port(), new Credentials.Register("ann", Clients.PASSWORD, null), null)
                    // Off the client's event thread: the requests below wait for replies it delivers.
                    .thenAcceptAsync(session -> {
                        Platform.runLater(() -> shell.entered(session));
                        try {
                            long annId = session.client().eventLoop() == null ? 0 : Clients.onLoop(
                                    session.client().eventLoop(), () -> session.room().self().orElseThrow().id());
                            ControlClient bob = Clients.client(room.port());
                            long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
                            ControlClient cat = Clients.registered(room.port(), "cat");
                            ControlClient dan = Clients.client(room.port());
                            long danId = Clients.signIn(dan, new Credentials.Register("dan", Clients.PASSWORD, null)).self().id();
                            FriendBook annBook = FriendBook.attach(session.client());
                            Clients.await(FriendBook.attach(bob).request(annId));
                            Clients.await(annBook.accept(bobId));
                            Clients.await(annBook.request(danId));
                            dan.close(); // offline: a request can wait for someone who is away
                            Clients.await(FriendBook.attach(cat).request(annId));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, Executors.newSingleThreadExecutor()).exceptionally(failure -> {
                        failure.printStackTrace();
                        return null;
                    });
        });
        Thread.currentThread().join();
    }
}
