package dev.parley.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The index is derived data: lost or left open by a crash, the room rebuilds it from the database at start. */
/* Three room starts: generous for a loaded CI machine. */
@Timeout(180)
class SearchIndexRebuildTest {
    @TempDir
    Path data;

    @Test
    void aLostOrCrashedIndexIsRebuiltFromTheDatabase() throws Exception {
        ChatMessage kept;
        ChatMessage deleted;
        ChatMessage withFile;
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            kept = send(ann, "the ibis returns");
            withFile = SearchTest.postFile(ann, 1L, null, "map.txt", "the route",
                    "north then east".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            deleted = send(ann, "the ibis leaves");
            ann.client().expect(new Chat.Delete(deleted.id()), dev.parley.protocol.control.message.Ok.class);
        }
        Path index = data.resolve("search-index");
        deleteTree(index);

        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.login(server, "ann")) {
            assertThat(found(ann, "ibis")).containsExactly(kept.id());
            // filled from the database: the message with an attachment, and only it, has a file
            assertThat(ann.client().expect(new Search.Query(null, null, null, ann.id(), null, null, true, null, null),
                    Search.Results.class).messages()).extracting(ChatMessage::id).containsExactly(withFile.id());
        }
        // a crash leaves the marker behind: the next start does not trust the index
        Files.writeString(index.resolve("OPEN"), "open\n");
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.login(server, "ann")) {
            assertThat(found(ann, "ibis")).containsExactly(kept.id());
            assertThat(found(ann, "leaves")).isEmpty();
        }
        assertThat(index.resolve("OPEN")).doesNotExist();
    }

    private static ChatMessage send(SignedIn who, String text) throws InterruptedException {
        return who.client().expect(new Chat.Send(1L, null, text, java.util.UUID.randomUUID().toString(), null),
                Chat.Sent.class).message();
    }

    private static java.util.List<Long> found(SignedIn who, String text) throws InterruptedException {
        return who.client().expect(new Search.Query(text, null, null, null, null, null, null, null, null),
                Search.Results.class).messages().stream().map(ChatMessage::id).toList();
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
