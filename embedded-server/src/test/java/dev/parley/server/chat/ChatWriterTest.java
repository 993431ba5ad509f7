package dev.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.control.message.Chat;
import dev.parley.server.control.Refusal;
import dev.parley.server.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ChatWriterTest {
    final Database database = dev.parley.server.support.TestDatabases.fresh();
    final ChatRepository chat = new ChatRepository();
    final ChatWriter writer = new ChatWriter(database, chat);
    final Author ann = Author.guest("run/1", "ann");
    final ConversationKey lobby = ConversationKey.channel(1);

    @AfterEach
    void close() {
        database.close();
    }

    private CompletableFuture<Chat.Sent> write(String text, String nonce, Long replyTo) {
        return writer.write(new ChatWriter.Draft(lobby, ann, text, replyTo, nonce));
    }

    @Test
    void burstIsStoredInOrderAndAcknowledgedInIdOrder() throws Exception {
        List<CompletableFuture<Chat.Sent>> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add(write("m" + i, "n" + i, null));
        }
        long previous = 0;
        for (int i = 0; i < sent.size(); i++) {
            Chat.Sent done = sent.get(i).get(10, TimeUnit.SECONDS);
            assertThat(done.message().text()).isEqualTo("m" + i);
            assertThat(done.message().id()).isGreaterThan(previous);
            previous = done.message().id();
        }
        assertThat(database.transact(chat::countMessages)).isEqualTo(500);
    }

    @Test
    void sameNonceTwiceInOneBurstStoresOnce() throws Exception {
        CompletableFuture<Chat.Sent> first = write("hello", "same", null);
        CompletableFuture<Chat.Sent> again = write("hello", "same", null);

        assertThat(first.get(10, TimeUnit.SECONDS).duplicate()).isFalse();
        assertThat(again.get(10, TimeUnit.SECONDS).duplicate()).isTrue();
        assertThat(again.get().message().id()).isEqualTo(first.get().message().id());
        assertThat(database.transact(chat::countMessages)).isEqualTo(1);
    }

    @Test
    void refusedMessageDoesNotFailTheRestOfItsBatch() throws Exception {
        CompletableFuture<Chat.Sent> before = write("before", "a", null);
        CompletableFuture<Chat.Sent> orphanReply = write("reply to nothing", "b", 9_999L);
        CompletableFuture<Chat.Sent> after = write("after", "c", null);

        assertThat(before.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("before");
        assertThat(after.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("after");
        assertThatThrownBy(() -> orphanReply.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(Refusal.class);
        assertThat(database.transact(chat::countMessages)).isEqualTo(2);
    }
}
