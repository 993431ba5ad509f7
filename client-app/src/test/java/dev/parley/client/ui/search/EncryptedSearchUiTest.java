package dev.parley.client.ui.search;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.chat.ChatViewModel;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedText;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Searching an end-to-end encrypted channel in the real app against a real room on loopback: the room holds
 * only sealed text, so the app reads the channel's history and matches it on this device with the key the
 * passphrase gave; without the passphrase it says so rather than finding nothing.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class EncryptedSearchUiTest {
    private static final String PASSPHRASE = "tulips in april";

    @RegisterExtension
    final AppWindow app = new AppWindow();

    /** The Vault, encrypted by its admin, with bob in it writing sealed messages. */
    private record Vault(long id, ChannelKey key, ControlClient bob, long bobId, ChatMessage plainBefore) {
        ChatMessage say(String text) throws Exception {
            return Clients.await(bob.request(new Chat.Send(id, null, SealedText.seal(key, bobId, text), "n" + text.hashCode(),
                    null), Chat.Sent.class)).message();
        }
    }

    /** @param plainBefore written in the Vault before it was encrypted (null: nothing) */
    private Vault encryptedVault(TestRoom room, String plainBefore) throws Exception {
        ControlClient admin = app.closeAfterWindow(Clients.registered(room.port(), "admin")); // first account: admin
        long vault = Clients.await(admin.request(new Channels.Create(null, "Vault", null, null, null),
                Channels.Created.class)).channel().id();
        ChatMessage plain = null;
        if (plainBefore != null) {
            Clients.await(admin.requestOk(new Channels.Join(vault, null)));
            plain = Clients.await(admin.sendMessage(Conversation.channel(vault), plainBefore, null).delivered());
        }
        CompletableFuture<ChannelE2e> encrypted = new CompletableFuture<>();
        app.closeAfterWindow(admin.on(Channels.Updated.class, updated -> {
            if (updated.channel().id() == vault && updated.channel().endToEnd()) {
                encrypted.complete(updated.channel().e2e());
            }
        }));
        Clients.await(admin.requestOk(new Channels.Rekey(vault)));
        ChannelKey key = ChannelKey.derive(vault, Clients.await(encrypted), PASSPHRASE.toCharArray());
        ControlClient bob = app.closeAfterWindow(Clients.client(room.port()));
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
        Clients.await(bob.requestOk(new Channels.Join(vault, null)));
        return new Vault(vault, key, bob, bobId, plain);
    }

    /** Signs ann in, opens the Vault's chat (which asks for its passphrase) and opens the search panel. */
    private void signInAndOpenVault(FxRobot robot, TestRoom room, long vault) {
        Forms.register(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-lock-" + vault).tryQuery().isPresent());
        robot.interact(() -> app.shell().main().chat().conversationProperty().set(Conversation.channel(vault)));
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-passphrase").tryQuery().isPresent());
    }

    private static void openSearch(FxRobot robot) {
        robot.interact(() -> robot.lookup("#open-search").<javafx.scene.control.Button>query().fire());
        await().atMost(WAIT).until(() -> robot.lookup("#search-panel").tryQuery().isPresent());
    }

    private static void searchFor(FxRobot robot, String words) {
        robot.interact(() -> robot.lookup("#search-text").<TextField>query().setText(words));
        robot.interact(() -> robot.lookup("#search-go").<javafx.scene.control.Button>query().fire());
    }

    private static List<Long> shownIds(FxRobot robot, String expectedStatus) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(label(robot, "#search-status")).isEqualTo(expectedStatus));
        return onFx(() -> robot.lookup("#search-results").<ListView<SearchResult>>query().getItems().stream()
                .map(result -> result.message().id()).toList());
    }

    private static String label(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).<Label>query().getText());
    }

    @Test
    void findsWordsOfSealedMessagesOnThisDeviceShowsThemLikeTheRoomsAndJumpsToOne(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        Vault vault = encryptedVault(room, "an otter before the lock");
        ChatMessage before = vault.plainBefore();
        ChatMessage sleeps = vault.say("The otter sleeps at noon");
        vault.say("nothing to see here");
        ChatMessage tracks = vault.say("Otter tracks by the river, said the OTTER");
        vault.say("an otterhound is not one");
        ChatMessage lobby = Clients.await(vault.bob().sendMessage(Conversation.channel(1), "an otter in the lobby", null)
                .delivered());
        signInAndOpenVault(robot, room, vault.id());
        robot.interact(() -> robot.lookup("#e2e-passphrase").<PasswordField>query().setText(PASSPHRASE));
        robot.clickOn("#e2e-unlock");
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#e2e-code").<Label>query().isVisible()));
        robot.clickOn("#e2e-unlock"); // "Done"
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-passphrase-dialog").tryQuery().isEmpty());
        openSearch(robot);

        // "This channel": the room finds nothing here, the app does
        searchFor(robot, "otter");
        assertThat(shownIds(robot, "3 results")).containsExactly(tracks.id(), sleeps.id(), before.id());
        assertThat(label(robot, "#search-note")).startsWith("Searched on this device: this channel is end-to-end encrypted");
        assertThat(onFx(() -> robot.lookup("#search-note").query().isVisible())).isTrue();
        await().atMost(WAIT).until(() -> robot.lookup("#search-result-" + tracks.id())
                .lookup((Label where) -> where.getText().equals("# Vault")).tryQuery().isPresent());
        assertThat(robot.lookup("#search-result-" + tracks.id()).lookup((Text text) ->
                text.getStyleClass().contains("search-hit-text") && text.getText().equals("OTTER")).tryQuery()).isPresent();

        searchFor(robot, "\"otter sleeps\"");
        assertThat(shownIds(robot, "1 result")).containsExactly(sleeps.id());

        // "Everything I can read": the room's results and the Vault's, newest first; the Vault's plain history,
        // which the room finds too, once
        robot.clickOn("#search-scope-all");
        searchFor(robot, "otter");
        assertThat(shownIds(robot, "4 results")).containsExactly(lobby.id(), tracks.id(), sleeps.id(), before.id());
        assertThat(label(robot, "#search-note")).isEqualTo("Also searched on this device: # Vault (end-to-end encrypted).");

        // choosing a result opens the Vault at that message, as for the room's results
        robot.interact(() -> robot.lookup("#search-results").<ListView<SearchResult>>query().getSelectionModel().select(2));
        robot.interact(() -> robot.lookup("#search-results").query().requestFocus());
        robot.type(KeyCode.ENTER);
        ChatViewModel chat = app.shell().main().chat();
        await().atMost(WAIT).until(() -> onFx(() -> Conversation.channel(vault.id()).equals(chat.conversationProperty().get())
                && chat.centredProperty().get() == sleeps.id()));
    }

    @Test
    void withoutThePassphraseItAsksForItInsteadOfFindingNothing(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        Vault vault = encryptedVault(room, null);
        vault.say("The otter sleeps at noon");
        signInAndOpenVault(robot, room, vault.id());
        robot.clickOn("Not now");
        await().atMost(WAIT).until(() -> robot.lookup("#e2e-passphrase-dialog").tryQuery().isEmpty());
        openSearch(robot);

        searchFor(robot, "otter");
        await().atMost(WAIT).until(() -> label(robot, "#search-status").equals(SearchModel.NEEDS_PASSPHRASE));
        assertThat(onFx(() -> robot.lookup("#search-results").<ListView<SearchResult>>query().getItems())).isEmpty();

        // everywhere: the room is searched, and the Vault named as skipped
        robot.clickOn("#search-scope-all");
        searchFor(robot, "otter");
        assertThat(shownIds(robot, "No messages match.")).isEmpty();
        assertThat(label(robot, "#search-note"))
                .isEqualTo("Not searched: # Vault (end-to-end encrypted; enter a channel's passphrase to search it).");
    }
}
