package dev.parley.client.ui.app;

import dev.parley.client.core.files.FileUpload;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.search.SearchPanel;
import dev.parley.client.ui.support.UiRoom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;

/**
 * The search panel with results, for a screenshot under Xvfb ({@code docs/search.png}): bob and carol
 * talk about a board-game night in the lobby and in a DM with ann, one message carries a file; ann
 * searches everything for "game" and opens a result. Runs until killed.
 */
public final class SearchScreenshotDemo {
    private SearchScreenshotDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path temp = Files.createTempDirectory("parley-search-demo");
        TestRoom room = TestRoom.start(temp.resolve("room"));
        ControlClient bob = Clients.registered(room.port(), "bob");
        ControlClient carol = Clients.registered(room.port(), "carol");
        Conversation lobby = Conversation.channel(1);
        Platform.startup(() -> {
            Stage stage = new Stage();
            AppContext context = UiRoom.context(temp.resolve("home"), UiThread.fx(), Executors.newCachedThreadPool());
            AppShell shell = new AppShell(stage, context, url -> { });
            stage.setTitle("Parley");
            stage.setWidth(1180);
            stage.setHeight(700);
            stage.show();
            context.sessions()
                    .connect("127.0.0.1", room.port(), new Credentials.Register("ann", Clients.PASSWORD, null), null)
                    .thenAcceptAsync(session -> {
                        Platform.runLater(() -> shell.entered(session));
                        try {
                            long annId = Clients.onLoop(session.client().eventLoop(),
                                    () -> session.room().self().map(self -> self.id()).orElseThrow());
                            say(bob, lobby, "Board game night on Friday? I can bring Carcassonne.");
                            say(carol, lobby, "Friday works. Which game first, the long one or the quick one?");
                            say(bob, lobby, "Let's start with the quick game and see who is still awake.");
                            Path rules = Files.writeString(temp.resolve("house-rules.txt"), "No kingmaking.");
                            Clients.await(FileUpload.start(carol, lobby, rules, "house-rules.txt",
                                    "Our house rules for the game").result());
                            // no DM to ann here: a search everywhere that finds one of her DMs times out in the
                            // app (an open bug, see the branch's report), so the picture shows channel results
                            say(carol, lobby, "Can someone bring snacks for game night?");
                            say(bob, lobby, "Snacks are sorted, see you at 8.");
                            say(bob, lobby, "Reminder: game night tonight at 8, third floor.");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        Platform.runLater(() -> search(stage));
                    }, Executors.newSingleThreadExecutor()).exceptionally(failure -> {
                        failure.printStackTrace();
                        return null;
                    });
        });
        Thread.currentThread().join();
    }

    private static void say(ControlClient who, Conversation where, String text) throws Exception {
        Clients.await(who.sendMessage(where, text, null).delivered());
    }

    private static void search(Stage stage) {
        if (stage.getScene().lookup("#open-search") == null) { // the room's window is still being built
            javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.millis(300));
            later.setOnFinished(event -> search(stage));
            later.play();
            return;
        }
        ((Button) stage.getScene().lookup("#open-search")).fire();
        SearchPanel panel = (SearchPanel) stage.getScene().lookup("#search-panel");
        panel.model().everywhereProperty().set(true);
        ((javafx.scene.control.RadioButton) stage.getScene().lookup("#search-scope-all")).setSelected(true);
        panel.model().textProperty().set("game");
        panel.model().search();
    }
}
