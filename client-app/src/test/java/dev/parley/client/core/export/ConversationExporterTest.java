package dev.parley.client.core.export;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Exports against a real room: exactly what the exporting user may read, and a JSON that reads back the same. */
@Timeout(90)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationExporterTest {
    static final long LOBBY = 1;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    TestRoom room;
    ControlClient admin;
    ControlClient ann;
    ControlClient bob;
    ChannelInfo vault;
    long annId;
    long bobId;
    long adminId;
    List<ChatMessage> lobby;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        room = TestRoom.start(dir.resolve("room"));
        admin = Clients.client(room.port());
        adminId = Clients.signIn(admin, new Credentials.Register("admin", Clients.PASSWORD, null)).self().id();
        ann = Clients.client(room.port());
        annId = Clients.signIn(ann, new Credentials.Register("ann", Clients.PASSWORD, null)).self().id();
        bob = Clients.client(room.port());
        bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
        vault = await(admin.request(new Channels.Create(null, "Vault", "", null, "meeple"), Channels.Created.class)).channel();
        await(admin.requestOk(new Channels.Join(vault.id(), "meeple")));
        send(admin, vault.id(), null, "vault only: the combination is 1234");
        ChatMessage first = send(ann, LOBBY, null, "<b>hello</b> # not a heading *nor bold*");
        ChatMessage second = send(bob, LOBBY, null, "second line\nwith two lines");
        ChatMessage gone = send(bob, LOBBY, null, "a regret");
        await(bob.requestOk(new Chat.Delete(gone.id())));
        await(ann.requestOk(new Chat.Edit(first.id(), "<b>hello</b> # not a heading *nor bold* (edited)")));
        await(bob.requestOk(new Chat.React(first.id(), "👍", true)));
        ChatMessage last = send(admin, LOBBY, null, "last word");
        send(ann, null, bobId, "psst bob, private");
        send(admin, null, bobId, "admin to bob, not for ann");
        lobby = List.of(first, second, gone, last);
    }

    @AfterAll
    void stop() {
        for (ControlClient client : List.of(admin, ann, bob)) {
            client.close();
        }
        room.close();
    }

    private static ChatMessage send(ControlClient from, Long channelId, Long toUserId, String text) throws Exception {
        return await(from.request(new Chat.Send(channelId, toUserId, text, UUID.randomUUID().toString(), null),
                Chat.Sent.class)).message();
    }

    @Test
    void aChannelExportHoldsItsHistoryAsTheUserSeesItOldestFirstAcrossPages() throws Exception {
        ChatExport export = new ConversationExporter(ann, CLOCK, 2).export(Conversation.channel(LOBBY), "#Lobby", "Test room", "ann");

        List<ChatMessage> history = await(ann.request(new Chat.History(LOBBY, null, null, null), Chat.Page.class)).messages();
        assertThat(export.messages()).isEqualTo(history);
        assertThat(export.messages()).extracting(ChatMessage::id).containsExactlyElementsOf(lobby.stream().map(ChatMessage::id).toList());
        assertThat(export.messages()).noneMatch(m -> m.text().contains("combination"));
        assertThat(export.messages().get(2).deleted()).isTrue();
        assertThat(export.messages().get(2).text()).isEmpty();
        assertThat(export.messages().get(0).editedTs()).isNotNull();
        assertThat(export.exportedAt()).isEqualTo(CLOCK.millis());
    }

    @Test
    void jsonRoundTripsExactly() {
        ChatExport export = new ConversationExporter(bob, CLOCK).export(Conversation.channel(LOBBY), "#Lobby", "Test room", "bob");

        ChatExport read = ChatExport.fromJson(export.toJson());

        assertThat(read).isEqualTo(export);
        assertThat(read.messages().get(0).reactions()).singleElement()
                .satisfies(reaction -> assertThat(reaction.me()).isTrue());
    }

    @Test
    void aDirectExportHoldsOnlyThatConversation() {
        ChatExport export = new ConversationExporter(ann, CLOCK).export(Conversation.direct(bobId), "bob", null, "ann");

        assertThat(export.messages()).extracting(ChatMessage::text).containsExactly("psst bob, private");
        assertThat(export.conversation().userId()).isEqualTo(bobId);
    }

    @Test
    void whatTheUserMayNotReadCannotBeExported() {
        ConversationExporter exporter = new ConversationExporter(ann, CLOCK);

        assertThatThrownBy(() -> exporter.export(Conversation.channel(vault.id()), "#Vault", null, "ann"))
                .isInstanceOf(ExportException.class).hasMessageContaining("refused");
    }

    @Test
    void markdownIsReadableAndShowsTypedMarkupAsText(@TempDir Path out) throws Exception {
        ChatExport export = new ConversationExporter(ann, CLOCK).export(Conversation.channel(LOBBY), "#Lobby", "Test room", "ann");

        List<Path> written = ExportFiles.write(export, out.resolve("lobby"));

        assertThat(written).extracting(path -> path.getFileName().toString()).containsExactly("lobby.json", "lobby.md", "lobby.html");
        String markdown = Files.readString(out.resolve("lobby.md"));
        assertThat(markdown).startsWith("# \\#Lobby — Test room")
                .contains("> &lt;b&gt;hello&lt;/b&gt; \\# not a heading \\*nor bold\\* (edited)")
                .contains("> second line\n> with two lines")
                .contains("*(deleted)*")
                .contains("👍 1")
                .doesNotContain("<b>");
        assertThat(ChatExport.fromJson(Files.readString(out.resolve("lobby.json")))).isEqualTo(export);
    }

    @Test
    void aFileThatIsNoExportIsRefusedClearly() {
        assertThatThrownBy(() -> ChatExport.fromJson("{\"format\":\"something-else\",\"conversation\":{\"channelId\":1,\"title\":\"x\"},\"messages\":[]}"))
                .isInstanceOf(ExportException.class).hasMessageContaining("unknown export format");
        assertThatThrownBy(() -> ChatExport.fromJson("not json")).isInstanceOf(ExportException.class);
    }
}
