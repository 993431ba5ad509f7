package dev.parley.server.db;

import dev.parley.server.channel.ChannelRepository;
import dev.parley.server.chat.Author;
import dev.parley.server.chat.ChatRepository;
import dev.parley.server.chat.ConversationKey;
import java.nio.file.Path;

/**
 * Child process for {@link DurabilityTest}: stores messages one by one and prints {@code ACK <id> OK}
 * after each commit, until it is killed.
 */
public final class DurabilityWriterMain {

    private DurabilityWriterMain() {
    }

    public static void main(String[] args) {
        // args: DATA_DIR [JDBC_URL USER] (the PostgreSQL run passes the test database; trust authentication)
        Database db = args.length >= 3 ? Database.openPostgres(new PostgresTarget(args[1], args[2], null))
                : Database.openFile(Path.of(args[0]));
        ChatRepository chat = new ChatRepository();
        Author writer = Author.guest("durability", "writer");
        ConversationKey lobby = ConversationKey.channel(ChannelRepository.LOBBY_ID);
        for (long n = 0; ; n++) {
            String nonce = "n" + n;
            long id = db.submit(c -> chat.insert(c, lobby, writer, "message " + nonce, null, nonce))
                    .join().message().id();
            System.out.println("ACK " + id + " OK");
            System.out.flush();
        }
    }
}
