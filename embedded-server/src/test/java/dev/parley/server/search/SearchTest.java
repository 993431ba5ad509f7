package dev.parley.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Files;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat.search} and {@code chat.around} against a real room. One room for the class: each
 * test searches for words only it posts.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchTest {
    static final long LOBBY = 1;

    ParleyServer server;
    SignedIn admin;
    SignedIn ann;
    SignedIn bob;
    SignedIn guest;
    ChannelInfo vault;
    ChannelInfo staff;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = Rooms.start(data);
        admin = Rooms.register(server, "admin");
        ann = Rooms.register(server, "ann");
        bob = Rooms.register(server, "bob");
        guest = Rooms.guest(server, "Visitor");
        vault = admin.client().expect(new Channels.Create(null, "Vault", "", null, "meeple"), Channels.Created.class)
                .channel();
        staff = admin.client().expect(new Channels.Create(null, "Staff", "", null, null), Channels.Created.class)
                .channel();
        admin.client().expect(new Channels.SetPermission(staff.id(), Role.MEMBER, Permission.ENTER, false), Ok.class);
        admin.client().expect(new Channels.SetPermission(staff.id(), Role.GUEST, Permission.ENTER, false), Ok.class);
        admin.client().expect(new Channels.Join(vault.id(), "meeple"), Ok.class);
    }

    @AfterAll
    void stop() {
        for (SignedIn who : List.of(admin, ann, bob, guest)) {
            who.close();
        }
        server.close();
    }

    private static ChatMessage post(SignedIn who, Long channelId, Long toUserId, String text) throws InterruptedException {
        return who.client().expect(new Chat.Send(channelId, toUserId, text, UUID.randomUUID().toString(), null),
                Chat.Sent.class).message();
    }

    private static Search.Query words(String text) {
        return new Search.Query(text, null, null, null, null, null, null, null, null);
    }

    private static List<Long> ids(SignedIn who, Search.Query query) throws InterruptedException {
        return who.client().expect(query, Search.Results.class).messages().stream().map(ChatMessage::id).toList();
    }

    @Test
    void findsWordsInAnyOrderAndPhrasesOnlyInOrderNewestFirst() throws Exception {
        ChatMessage first = post(ann, LOBBY, null, "The Zephyr quokka jumps over the fence");
        ChatMessage second = post(bob, LOBBY, null, "a fence for the quokka, said zephyr");
        post(bob, LOBBY, null, "zephyr alone");

        assertThat(ids(bob, words("quokka zephyr"))).containsExactly(second.id(), first.id());
        assertThat(ids(bob, words("\"zephyr quokka\""))).containsExactly(first.id());
        assertThat(ids(bob, words("QUOKKA \"over the fence\""))).containsExactly(first.id());
        assertThat(ids(bob, words("quokka nonexistentword"))).isEmpty();
    }

    @Test
    void narrowsByAuthorDateAndConversation() throws Exception {
        ChatMessage byAnn = post(ann, LOBBY, null, "wombat report from ann");
        ChatMessage byBob = post(bob, LOBBY, null, "wombat report from bob");
        ChatMessage dm = post(ann, null, bob.id(), "wombat report in private");

        assertThat(ids(bob, new Search.Query("wombat", null, null, ann.id(), null, null, null, null, null)))
                .containsExactly(dm.id(), byAnn.id());
        assertThat(ids(bob, new Search.Query("wombat", LOBBY, null, null, null, null, null, null, null)))
                .containsExactly(byBob.id(), byAnn.id());
        assertThat(ids(bob, new Search.Query("wombat", null, ann.id(), null, null, null, null, null, null)))
                .containsExactly(dm.id());
        assertThat(ids(bob, new Search.Query("wombat", null, null, null, byBob.ts(), null, null, null, null)))
                .containsExactly(dm.id(), byBob.id());
        assertThat(ids(bob, new Search.Query("wombat", null, null, null, null, byBob.ts(), null, null, null)))
                .containsExactly(byAnn.id());
        // author alone, no words: everything ann wrote that bob may read, newest first
        assertThat(ids(bob, new Search.Query(null, null, null, ann.id(), null, null, null, null, null)))
                .startsWith(dm.id(), byAnn.id());
        // none of these carries a file
        assertThat(ids(bob, new Search.Query("wombat", null, null, null, null, null, true, null, null))).isEmpty();
    }

    /** Posts {@code bytes} as a file with a caption, through the real upload requests. */
    static ChatMessage postFile(SignedIn who, Long channelId, Long toUserId, String name, String caption, byte[] bytes)
            throws InterruptedException {
        Files.UploadReady ready = who.client().expect(new Files.UploadStart(channelId, toUserId, name,
                (long) bytes.length, caption, UUID.randomUUID().toString()), Files.UploadReady.class);
        who.client().expect(new Files.UploadChunk(ready.uploadId(), 0L, Base64.getEncoder().encodeToString(bytes)),
                Files.UploadProgress.class);
        return who.client().expect(new Files.UploadFinish(ready.uploadId()), Chat.Sent.class).message();
    }

    @Test
    void hasFileFindsExactlyTheMessagesThatCarryOneUntilTheyAreDeleted() throws Exception {
        ChatMessage plain = post(ann, LOBBY, null, "heron sighting by the lake");
        ChatMessage withFile = postFile(ann, LOBBY, null, "heron.txt", "heron sighting, notes attached",
                "grey heron, 3 pm".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ChatMessage privateFile = postFile(ann, null, bob.id(), "heron-dm.txt", "",
                "for bob".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ChatMessage hiddenFile = postFile(admin, staff.id(), null, "heron-staff.txt", "heron staff notes",
                "staff only".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Search.Query heronWithFile = new Search.Query("heron", null, null, null, null, null, true, null, null);
        assertThat(ids(bob, heronWithFile)).containsExactly(withFile.id());
        assertThat(ids(bob, words("heron"))).containsExactly(withFile.id(), plain.id());
        // no words: every message with a file bob may read (the DM's caption is empty), newest first
        List<ChatMessage> files = bob.client().expect(new Search.Query(null, null, null, ann.id(), null, null, true,
                null, null), Search.Results.class).messages();
        assertThat(files).extracting(ChatMessage::id).startsWith(privateFile.id(), withFile.id())
                .doesNotContain(plain.id(), hiddenFile.id());
        // the result shows the attachment as history does
        assertThat(files.get(1).file()).isNotNull();
        assertThat(files.get(1).file().name()).isEqualTo("heron.txt");
        assertThat(ids(admin, heronWithFile)).containsExactly(hiddenFile.id(), withFile.id());

        // deleting the message removes its file, and the "has a file" hit with it
        ann.client().expect(new Chat.Delete(withFile.id()), Ok.class);
        assertThat(ids(bob, heronWithFile)).isEmpty();
        assertThat(ids(bob, words("heron"))).containsExactly(plain.id());
    }

    @Test
    void pagesWithTheCursorUntilNothingIsLeft() throws Exception {
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posted.add(post(ann, LOBBY, null, "pangolin number " + i).id());
        }
        List<Long> seen = new ArrayList<>();
        Long cursor = null;
        int pages = 0;
        do {
            Search.Results page = bob.client().expect(
                    new Search.Query("pangolin", null, null, null, null, null, null, cursor, 3), Search.Results.class);
            page.messages().forEach(message -> seen.add(message.id()));
            cursor = page.hasMore() ? page.nextBeforeId() : null;
            pages++;
        } while (cursor != null);

        java.util.Collections.reverse(posted);
        assertThat(seen).containsExactlyElementsOf(posted);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void nobodyFindsWhatTheyMayNotRead() throws Exception {
        ChatMessage locked = post(admin, vault.id(), null, "narwhal secret in the vault");
        ChatMessage hidden = post(admin, staff.id(), null, "narwhal plans of the staff");
        ChatMessage privateToAdmin = post(ann, null, admin.id(), "narwhal gossip for admin only");
        ChatMessage deleted = post(bob, LOBBY, null, "narwhal I regret");
        bob.client().expect(new Chat.Delete(deleted.id()), Ok.class);
        ChatMessage open = post(ann, LOBBY, null, "narwhal for everyone");

        assertThat(ids(admin, words("narwhal"))).containsExactly(open.id(), privateToAdmin.id(), hidden.id(), locked.id());
        assertThat(ids(bob, words("narwhal"))).containsExactly(open.id());
        assertThat(ids(guest, words("narwhal"))).containsExactly(open.id());
        assertThat(ids(bob, words("regret"))).isEmpty();
        bob.client().expectError(new Search.Query("narwhal", vault.id(), null, null, null, null, null, null, null),
                ErrorCode.FORBIDDEN);
        bob.client().expectError(new Search.Query("narwhal", staff.id(), null, null, null, null, null, null, null),
                ErrorCode.FORBIDDEN);
        guest.client().expectError(new Search.Query("narwhal", null, ann.id(), null, null, null, null, null, null),
                ErrorCode.FORBIDDEN);
        // nor jumps to it
        bob.client().expectError(new Search.Around(locked.id(), 2, 2), ErrorCode.NOT_FOUND);
        bob.client().expectError(new Search.Around(privateToAdmin.id(), 2, 2), ErrorCode.NOT_FOUND);
    }

    @Test
    void losingReadAccessHidesResultsAtOnce() throws Exception {
        ChatMessage message = post(admin, LOBBY, null, "okapi sighting");
        assertThat(ids(bob, words("okapi"))).containsExactly(message.id());

        admin.client().expect(new Channels.SetPermission(LOBBY, Role.MEMBER, Permission.ENTER, false), Ok.class);
        try {
            assertThat(ids(bob, words("okapi"))).isEmpty();
        } finally {
            admin.client().expect(new Channels.SetPermission(LOBBY, Role.MEMBER, Permission.ENTER, true), Ok.class);
        }
        assertThat(ids(bob, words("okapi"))).containsExactly(message.id());
    }

    @Test
    void editsAreSearchedByTheirNewText() throws Exception {
        ChatMessage message = post(ann, LOBBY, null, "meet the axolotl");
        ann.client().expect(new Chat.Edit(message.id(), "meet the capybara"), Ok.class);

        assertThat(ids(bob, words("axolotl"))).isEmpty();
        List<ChatMessage> found = bob.client().expect(words("capybara"), Search.Results.class).messages();
        assertThat(found).extracting(ChatMessage::text).containsExactly("meet the capybara");
    }

    @Test
    void aroundGivesTheMessageWithItsNeighboursOldestFirst() throws Exception {
        List<ChatMessage> posted = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            posted.add(post(ann, null, bob.id(), "dm line " + i));
        }
        ChatMessage centre = posted.get(4);

        Search.Context context = bob.client().expect(new Search.Around(centre.id(), 2, 3), Search.Context.class);

        assertThat(context.messages()).extracting(ChatMessage::id)
                .containsExactlyElementsOf(posted.subList(2, 8).stream().map(ChatMessage::id).toList());
        assertThat(context.hasOlder()).isTrue();
        assertThat(context.hasNewer()).isTrue();
        Search.Context end = bob.client().expect(new Search.Around(posted.get(8).id(), 0, 5), Search.Context.class);
        assertThat(end.messages()).extracting(ChatMessage::id).containsExactly(posted.get(8).id());
        assertThat(end.hasNewer()).isFalse();
    }

    @Test
    void refusesQueriesThatNameNothingToLookFor() throws Exception {
        bob.client().sendRaw("{\"type\":\"chat.search\",\"id\":\"x1\",\"payload\":{\"channelId\":1}}");
        assertThat(bob.client().awaitReply("x1")).isInstanceOf(dev.parley.protocol.control.message.ErrorReply.class)
                .extracting(reply -> ((dev.parley.protocol.control.message.ErrorReply) reply).code())
                .isEqualTo(ErrorCode.INVALID_FIELD);
        // punctuation only: valid, finds nothing, and no query syntax reaches the index
        assertThat(ids(bob, words("*:* ? -"))).isEmpty();
    }
}
