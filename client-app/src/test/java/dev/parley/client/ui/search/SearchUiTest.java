package dev.parley.client.ui.search;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.files.FileUpload;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.chat.ChatLine;
import dev.parley.client.ui.chat.ChatViewModel;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The search panel in the real app against a real room: words, phrases, who wrote it, files, paging,
 * keyboard, jumping to a result's place in history and back, and finding nothing one may not read.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SearchUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    @TempDir
    Path temp;

    private record Account(ControlClient client, long id) {
    }

    private Account account(TestRoom room, String name) throws Exception {
        ControlClient client = app.closeAfterWindow(Clients.client(room.port()));
        long id = Clients.signIn(client, new Credentials.Register(name, Clients.PASSWORD, null)).self().id();
        return new Account(client, id);
    }

    private static ChatMessage say(ControlClient who, Conversation where, String text) throws Exception {
        return Clients.await(who.sendMessage(where, text, null).delivered());
    }

    /** Signs ann in through the join form and opens the search panel with Ctrl+F. */
    private void signInAndOpenSearch(FxRobot robot, TestRoom room) {
        Forms.register(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> robot.lookup(".chat-view").tryQuery().isPresent()
                && app.shell().main().chat().conversationProperty().get() != null);
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> robot.lookup("#search-panel").tryQuery().isPresent()
                && robot.lookup("#search-text").query().isFocused());
    }

    /** Types the words (set directly: typing is slow on Monocle) and presses a real Enter in the field. */
    private static void searchFor(FxRobot robot, String words) {
        robot.interact(() -> robot.lookup("#search-text").<TextField>query().setText(words));
        robot.interact(() -> robot.lookup("#search-text").query().requestFocus());
        robot.type(KeyCode.ENTER);
    }

    private static List<Long> shownIds(FxRobot robot, String expectedStatusStart) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(onFx(() -> robot.lookup("#search-status").<Label>query()
                .getText())).startsWith(expectedStatusStart));
        return onFx(() -> robot.lookup("#search-results").<ListView<SearchResult>>query().getItems().stream()
                .map(result -> result.message().id()).toList());
    }

    private static SearchModel model(FxRobot robot) {
        return robot.lookup("#search-panel").<SearchPanel>query().model();
    }

    @Test
    void findsByWordsPhrasesAuthorAndFileAndPagesOn(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        ControlClient carol = app.closeAfterWindow(Clients.registered(room.port(), "carol"));
        Conversation lobby = Conversation.channel(1);
        ChatMessage parade = say(bob, lobby, "The quokka parade starts at noon");
        ChatMessage reversed = say(bob, lobby, "noon: a parade, and a quokka");
        ChatMessage byCarol = say(carol, lobby, "quokka sightings by the river");
        Path route = Files.writeString(temp.resolve("route.txt"), "left at the big tree");
        ChatMessage withFile = Clients.await(FileUpload.start(bob, lobby, route, "route.txt", "quokka route").result());
        signInAndOpenSearch(robot, room);

        searchFor(robot, "Quokka");
        assertThat(shownIds(robot, "4 results")).containsExactly(withFile.id(), byCarol.id(), reversed.id(), parade.id());
        // where, who, when, and the hit highlighted in the snippet
        await().atMost(WAIT).until(() -> robot.lookup("#search-result-" + byCarol.id())
                .lookup((Label label) -> label.getText().equals("# Lobby")).tryQuery().isPresent());
        assertThat(robot.lookup("#search-result-" + byCarol.id()).lookup((Label label) -> label.getText().equals("carol"))
                .tryQuery()).isPresent();
        assertThat(robot.lookup("#search-result-" + byCarol.id()).lookup((Text text) ->
                text.getStyleClass().contains("search-hit-text") && text.getText().equals("quokka")).tryQuery()).isPresent();

        searchFor(robot, "\"quokka parade\"");
        assertThat(shownIds(robot, "1 result")).containsExactly(parade.id());

        robot.interact(() -> model(robot).fromProperty().set("carol"));
        searchFor(robot, "quokka");
        assertThat(shownIds(robot, "1 result")).containsExactly(byCarol.id());

        robot.interact(() -> model(robot).fromProperty().set(""));
        robot.clickOn("#search-has-file");
        searchFor(robot, "quokka");
        assertThat(shownIds(robot, "1 result")).containsExactly(withFile.id());
        assertThat(robot.lookup("#search-result-" + withFile.id()).lookup((Text text) ->
                text.getText().contains("File: route.txt")).tryQuery()).isPresent();
        robot.clickOn("#search-has-file");

        // a name nobody has, in words
        robot.interact(() -> model(robot).fromProperty().set("zed"));
        searchFor(robot, "quokka");
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#search-status").<Label>query().getText())
                .equals("Nobody called “zed” has an account in this room: check the name in “From”."));
        robot.interact(() -> model(robot).fromProperty().set(""));

        // paging: 20 a page, "More results" brings the rest
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            posted.add(say(carol, lobby, "pangolin count " + i).id());
        }
        java.util.Collections.reverse(posted);
        searchFor(robot, "pangolin");
        assertThat(shownIds(robot, "20 results so far")).containsExactlyElementsOf(posted.subList(0, 20));
        robot.clickOn("#search-more");
        assertThat(shownIds(robot, "23 results")).containsExactlyElementsOf(posted);
        assertThat(robot.lookup("#search-more").<Button>query().isVisible()).isFalse();
    }

    @Test
    void choosingAResultOpensItsConversationAtThatMessageAndJumpsBackToThePresent(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        Account bobAccount = account(room, "bob"); // the room's first account: its admin
        ControlClient bob = bobAccount.client();
        long games = Clients.await(bob.request(new Channels.Create(null, "Games", "", null, null), Channels.Created.class))
                .channel().id();
        Conversation inGames = Conversation.channel(games);
        say(bob, inGames, "before the secret");
        ChatMessage secret = say(bob, inGames, "the okapi secret is under the mat");
        ChatMessage after = say(bob, inGames, "right after the secret");
        ChatMessage newest = null;
        for (int i = 0; i < 25; i++) { // more than chat.around's 20 after it
            newest = say(bob, inGames, "small talk " + i);
        }
        long newestId = newest.id();
        signInAndOpenSearch(robot, room);
        assertThat(onFx(() -> app.shell().main().chat().conversationProperty().get())).isEqualTo(Conversation.channel(1));

        robot.clickOn("#search-scope-all");
        searchFor(robot, "okapi");
        assertThat(shownIds(robot, "1 result")).containsExactly(secret.id());
        await().atMost(WAIT).until(() -> robot.lookup("#search-result-" + secret.id())
                .lookup((Label label) -> label.getText().equals("# Games")).tryQuery().isPresent());
        // the keyboard: Down from the words into the results, Enter opens
        robot.interact(() -> robot.lookup("#search-text").query().requestFocus());
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);

        ChatViewModel chat = app.shell().main().chat();
        await().atMost(WAIT).until(() -> onFx(() -> inGames
                .equals(chat.conversationProperty().get()) && chat.centredProperty().get() == secret.id()));
        await().atMost(WAIT).until(() -> robot.lookup("#search-hit-" + secret.id()).tryQuery().isPresent());
        List<Long> shown = onFx(() -> ids(chat));
        assertThat(shown).contains(secret.id(), after.id()).doesNotContain(newestId);
        assertThat(onFx(() -> chat.detachedProperty().get())).isTrue();
        await().atMost(WAIT).until(() -> robot.lookup("#jump-present").<Button>query().isVisible());

        robot.interact(() -> robot.lookup("#jump-present").<Button>query().fire());
        await().atMost(WAIT).until(() -> onFx(() -> ids(chat).contains(newestId) && !chat.detachedProperty().get()));

        // Escape closes the panel
        robot.interact(() -> robot.lookup("#search-text").query().requestFocus());
        robot.type(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> robot.lookup("#search-panel").tryQuery().isEmpty());
    }

    @Test
    void findsMyOwnDirectMessagesButNothingInAChannelOneMayNotReadOrAnotherPairsDirectMessages(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        ControlClient admin = app.closeAfterWindow(Clients.registered(room.port(), "admin"));
        ControlClient bob = app.closeAfterWindow(Clients.registered(room.port(), "bob"));
        Account carolAccount = account(room, "carol");
        ControlClient carol = carolAccount.client();
        long staff = Clients.await(admin.request(new Channels.Create(null, "Staff", "", null, null), Channels.Created.class))
                .channel().id();
        Clients.await(admin.requestOk(new Channels.SetPermission(staff, Role.MEMBER, Permission.ENTER, false)));
        say(admin, Conversation.channel(staff), "walrus plans for the staff");
        long carolId = carolAccount.id();
        say(bob, Conversation.direct(carolId), "walrus gossip between bob and carol");
        ChatMessage open = say(carol, Conversation.channel(1), "walrus for everyone");
        signInAndOpenSearch(robot, room);

        long annId = onFx(() -> app.shell().main().chat().conversationProperty().get() != null)
                ? Clients.onLoop(app.shell().main().session().client().eventLoop(),
                        () -> app.shell().main().session().room().self().orElseThrow().id()) : 0;
        ChatMessage mine = say(bob, Conversation.direct(annId), "walrus news for ann only");

        robot.clickOn("#search-scope-all");
        searchFor(robot, "walrus");
        assertThat(shownIds(robot, "2 results")).containsExactly(mine.id(), open.id());
        // my own DM opens at the message, in the conversation with bob
        robot.interact(() -> robot.lookup("#search-text").query().requestFocus());
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        ChatViewModel chat = app.shell().main().chat();
        await().atMost(WAIT).until(() -> onFx(() -> chat.conversationProperty().get() instanceof Conversation.Direct
                && chat.centredProperty().get() == mine.id()));
        // the staff channel named directly: refused in words
        Conversation.Channel hidden = new Conversation.Channel(staff);
        robot.interact(() -> {
            app.shell().main().chat().conversationProperty().set(hidden);
        });
        robot.clickOn("#search-scope-here");
        searchFor(robot, "walrus");
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#search-status").<Label>query().getText())
                .startsWith("You can't search there:"));
        assertThat(onFx(() -> model(robot).results())).isEmpty();
    }

    private static List<Long> ids(ChatViewModel chat) {
        return chat.lines().stream().filter(line -> line instanceof ChatLine.Message)
                .map(line -> ((ChatLine.Message) line).message().id()).toList();
    }
}
