package dev.parley.client.core.e2e;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.search.MessageMatcher;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searching an encrypted channel on the client against a real room on loopback: its history is paged and
 * opened here, newest first, up to a bound; what the keys held do not open is counted, not matched; a search
 * that was replaced stops.
 */
@Timeout(60)
class SealedSearchTest {
    @TempDir
    Path dir;
    private TestRoom room;
    private ControlClient ann;
    private long annId;
    private long vault;
    private ChannelE2e e2e;
    private ChannelKey key;
    private final ExecutorService work = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "test-search"));

    @BeforeEach
    void encryptedVault() throws Exception {
        room = TestRoom.start(dir);
        ann = Clients.client(room.port()); // the room's first account: its admin
        annId = Clients.signIn(ann, new Credentials.Register("ann", Clients.PASSWORD, null)).self().id();
        vault = await(ann.request(new Channels.Create(null, "Vault", null, null, null), Channels.Created.class))
                .channel().id();
        CompletableFuture<ChannelInfo> encrypted = new CompletableFuture<>();
        try (var listening = ann.on(Channels.Updated.class, updated -> {
            if (updated.channel().id() == vault && updated.channel().endToEnd()) {
                encrypted.complete(updated.channel());
            }
        })) {
            await(ann.requestOk(new Channels.Rekey(vault)));
            e2e = await(encrypted).e2e();
        }
        await(ann.requestOk(new Channels.Join(vault, null)));
        key = ChannelKey.derive(vault, e2e, "tulips in april".toCharArray());
    }

    @AfterEach
    void close() {
        work.shutdownNow();
        ann.close();
        room.close();
    }

    private ChatMessage say(ChannelKey with, String text) throws Exception {
        return await(ann.request(new Chat.Send(vault, null, SealedText.seal(with, annId, text), "n" + text.hashCode(), null),
                Chat.Sent.class)).message();
    }

    private static MessageMatcher words(String text) {
        return MessageMatcher.of(new Search.Query(text, null, null, null, null, null, null, null, null));
    }

    @Test
    void findsOpenedWordsNewestFirstAndSaysWhenItStoppedAtItsBound() throws Exception {
        List<ChatMessage> posted = new ArrayList<>();
        for (String text : List.of("an otter swims", "nothing here", "otter again", "still nothing", "Otters? no: OTTER!",
                "quiet", "the last otter")) {
            posted.add(say(key, text));
        }
        SealedSearch.Outcome all = new SealedSearch(ann, work, 100, 2).search(vault, Map.of(key.epoch(), key),
                words("otter"), () -> false).get(10, TimeUnit.SECONDS);
        assertThat(all.matches()).extracting(ChatMessage::id)
                .containsExactly(posted.get(6).id(), posted.get(4).id(), posted.get(2).id(), posted.get(0).id());
        assertThat(all.matches().get(0).text()).isEqualTo("the last otter");
        assertThat(all.read()).isEqualTo(7);
        assertThat(all.stoppedAtLimit()).isFalse();

        SealedSearch.Outcome newest = new SealedSearch(ann, work, 5, 2).search(vault, Map.of(key.epoch(), key),
                words("otter"), () -> false).get(10, TimeUnit.SECONDS);
        assertThat(newest.matches()).extracting(ChatMessage::id).containsExactly(posted.get(6).id(), posted.get(4).id(),
                posted.get(2).id());
        assertThat(newest.read()).isEqualTo(5);
        assertThat(newest.stoppedAtLimit()).isTrue();
    }

    @Test
    void aMessageTheKeysHeldDoNotOpenIsCountedAndNeverAResult() throws Exception {
        ChatMessage mine = say(key, "otter one");
        say(ChannelKey.derive(vault, e2e, "a different passphrase".toCharArray()), "otter two");

        SealedSearch.Outcome outcome = new SealedSearch(ann, work).search(vault, Map.of(key.epoch(), key),
                words("otter"), () -> false).get(10, TimeUnit.SECONDS);

        assertThat(outcome.matches()).extracting(ChatMessage::id).containsExactly(mine.id());
        assertThat(outcome.unopened()).isEqualTo(1);
    }

    @Test
    void aSearchThatWasReplacedStopsWithACancellation() throws Exception {
        say(key, "otter one");
        say(key, "otter two");
        say(key, "otter three");
        // replaced while its first page is read: the second page is never asked for
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Throwable failure = new SealedSearch(ann, work, 100, 1).search(vault, Map.of(key.epoch(), key), words("otter"),
                () -> asked.incrementAndGet() > 2).handle((outcome, thrown) -> thrown).get(10, TimeUnit.SECONDS);
        assertThat(failure instanceof CompletionException ? failure.getCause() : failure)
                .isInstanceOf(CancellationException.class);
        assertThat(asked).hasValue(3);
    }
}
