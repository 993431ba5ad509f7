package dev.parley.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Search;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.db.Database;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestDatabases;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat search over a million messages, end to end: real room, real WebSocket client, every query
 * through permissions, the index and the database re-check. The messages are written straight into
 * the room's database (a million {@code chat.send}s would measure sending, not searching), then the
 * room starts and fills its index from the database, as a room upgraded to a search-capable version
 * would. One message in 50 carries a file. Prints the bulk insert and index fill times apart and, per
 * query kind, the median and p95 round trip.
 */
@Tag("benchmark")
class ChatSearchBenchmark {
    private static final int MESSAGES = Integer.getInteger("parley.bench.messages", 1_000_000);
    /** A data folder a finished run left behind, to start from instead of inserting (plain JVM only, see {@link #main}). */
    private static final String REUSE = System.getProperty("parley.bench.reuse");
    private static final int CHANNELS = 20;
    private static final int ACCOUNTS = 5;
    private static final int RUNS = 60;
    private static final int FILE_EVERY = 50;
    private static final long YEAR_START = 1_700_000_000_000L;
    private static final long SPAN = 365L * 24 * 3600 * 1000;
    /** A vocabulary with a Zipf-like spread: word i appears about 1/(i+1) as often as word 0. */
    private static final int WORDS = 20_000;

    @TempDir
    Path data;

    @Test
    void searchesAMillionMessages() throws Exception {
        ServerConfig config = Rooms.config(data).requestRate(100_000, 100_000).heartbeat(Duration.ofSeconds(120))
                .registrationRate(100, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)).build();
        List<Long> accounts = new ArrayList<>();
        if (REUSE != null) {
            // a data folder a finished run left behind (its accounts, messages and index): measure only
            // the start, the sign-in and the queries
            long openStart = System.nanoTime();
            try (Database database = TestDatabases.open(data)) {
                System.out.printf("chat-search: reusing %s; database opened and migrated in %.1f s%n", data,
                        (System.nanoTime() - openStart) / 1e9);
                accounts.addAll(database.transact(c -> {
                    List<Long> ids = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM accounts ORDER BY id");
                         java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    return ids;
                }));
            }
        }
        if (REUSE == null) try (ParleyServer server = ParleyServer.start(config)) {
            for (int i = 0; i < ACCOUNTS; i++) {
                try (SignedIn user = Rooms.register(server, "user" + i)) {
                    accounts.add(user.id());
                }
            }
            try (SignedIn admin = Rooms.login(server, "user0")) {
                for (int i = 1; i < CHANNELS; i++) {
                    admin.client().expect(new Channels.Create(null, "channel" + i, "", null, null), Channels.Created.class);
                }
            }
        }
        long insertStart = System.nanoTime();
        if (REUSE == null) {
            insertMessages(accounts);
        }
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;

        long fillStart = System.nanoTime();
        try (ParleyServer server = ParleyServer.start(config)) {
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            // printed before signing in: at a million messages on a loaded machine the sign-in itself can time out
            System.out.printf("chat-search: %,d messages inserted in %.1f s; room started with its index filled in %.1f s%n",
                    MESSAGES, insertSeconds, fillSeconds);
            long signInStart = System.nanoTime();
            SignedIn signedIn;
            try {
                signedIn = Rooms.login(server, "user1");
            } finally {
                System.out.printf("chat-search: sign-in (auth.ok with the reader's unread counts) %.0f ms%n",
                        (System.nanoTime() - signInStart) / 1e6);
            }
            try (SignedIn reader = signedIn) {
                long peer = accounts.get(2);
                Map<String, IntFunction<Search.Query>> kinds = new LinkedHashMap<>();
                kinds.put("common word, everywhere", i -> query(word(i % 5), null, null, null, null));
                kinds.put("rare word, everywhere", i -> query(word(5_000 + i * 97), null, null, null, null));
                kinds.put("two words, everywhere", i -> query(word(i % 50) + " " + word(50 + i % 200), null, null, null, null));
                kinds.put("phrase, everywhere", i -> query("\"" + word(i % 20) + " " + word(1 + i % 30) + "\"", null, null, null, null));
                kinds.put("word in one channel", i -> query(word(i % 300), 1L + i % CHANNELS, null, null, null));
                kinds.put("word in a DM", i -> new Search.Query(word(i % 300), null, peer, null, null, null, null, null, 20));
                kinds.put("word from one user", i -> query(word(i % 300), null, accounts.get(i % ACCOUNTS), null, null));
                kinds.put("word in one month", i -> query(word(i % 300), null, null, YEAR_START + (i % 11) * SPAN / 12,
                        YEAR_START + (i % 11 + 1) * SPAN / 12));
                kinds.put("from one user, no words", i -> query(null, null, accounts.get(i % ACCOUNTS), null, null));
                kinds.put("word, has a file", i -> new Search.Query(word(i % 300), null, null, null, null, null, true, null, 20));
                System.out.printf("chat-search: %,d messages, %d channels, %d accounts; insert %.1f s, index fill at start %.1f s%n",
                        MESSAGES, CHANNELS, ACCOUNTS, insertSeconds, fillSeconds);
                for (Map.Entry<String, IntFunction<Search.Query>> kind : kinds.entrySet()) {
                    for (int i = 0; i < 10; i++) { // warm-up
                        reader.client().expect(kind.getValue().apply(i), Search.Results.class);
                    }
                    List<Double> millis = new ArrayList<>();
                    int found = 0;
                    for (int i = 0; i < RUNS; i++) {
                        Search.Query query = kind.getValue().apply(i);
                        long start = System.nanoTime();
                        Search.Results results = reader.client().expect(query, Search.Results.class);
                        millis.add((System.nanoTime() - start) / 1e6);
                        found += results.messages().size();
                    }
                    Collections.sort(millis);
                    System.out.printf("chat-search: %-26s median %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d runs, %.1f results/page)%n",
                            kind.getKey(), millis.get(RUNS / 2), millis.get((int) (RUNS * 0.95)), millis.get(RUNS - 1), RUNS,
                            found / (double) RUNS);
                    assertThat(found).as(kind.getKey() + " finds something").isPositive();
                }
            }
        }
    }

    /**
     * The same run in a plain JVM, outside surefire (docs/BENCHMARKS.md, "Chat search", says why):
     * {@code java -Dparley.bench.messages=N -cp <embedded-server test classpath> dev.parley.server.bench.ChatSearchBenchmark}.
     */
    public static void main(String[] args) throws Exception {
        ChatSearchBenchmark benchmark = new ChatSearchBenchmark();
        benchmark.data = REUSE != null ? Path.of(REUSE) : java.nio.file.Files.createTempDirectory("chat-search-bench");
        benchmark.searchesAMillionMessages();
        System.exit(0); // the room's executors are closed; nothing else should keep the JVM, but never hang a run
    }

    private static Search.Query query(String text, Long channelId, Long from, Long after, Long before) {
        return new Search.Query(text, channelId, null, from, after, before, null, null, 20);
    }

    private static String word(int i) {
        return "w" + Integer.toString(i, 36) + "x";
    }

    private void insertMessages(List<Long> accounts) {
        SplittableRandom random = new SplittableRandom(13);
        // cumulative Zipf weights for drawing words
        double[] cumulative = new double[WORDS];
        double sum = 0;
        for (int i = 0; i < WORDS; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        try (Database database = TestDatabases.open(data)) {
            int batch = 10_000;
            for (int done = 0; done < MESSAGES; done += batch) {
                int from = done;
                double total = sum;
                database.transact(c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (created_at, conv_key, channel_id,"
                            + " dm_low, dm_high, author_id, author_key, author_name, body, deleted, nonce, file_sha256, file_name,"
                            + " file_size, file_type, file_thumb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, ?)")) {
                        for (int n = from; n < Math.min(MESSAGES, from + batch); n++) {
                            int authorIndex = random.nextInt(ACCOUNTS);
                            long author = accounts.get(authorIndex);
                            ps.setTimestamp(1, new Timestamp(YEAR_START + (long) n * (SPAN / MESSAGES)));
                            if (n % 10 == 9) { // every tenth message is a DM between two accounts
                                long other = accounts.get((authorIndex + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS);
                                long low = Math.min(author, other);
                                long high = Math.max(author, other);
                                ps.setString(2, "d:" + low + ":" + high);
                                ps.setNull(3, java.sql.Types.BIGINT);
                                ps.setLong(4, low);
                                ps.setLong(5, high);
                            } else {
                                long channel = 1 + random.nextInt(CHANNELS);
                                ps.setString(2, "c:" + channel);
                                ps.setLong(3, channel);
                                ps.setNull(4, java.sql.Types.BIGINT);
                                ps.setNull(5, java.sql.Types.BIGINT);
                            }
                            ps.setLong(6, author);
                            ps.setString(7, "a:" + author);
                            ps.setString(8, "user" + authorIndex);
                            StringBuilder text = new StringBuilder();
                            int words = 4 + random.nextInt(16);
                            for (int w = 0; w < words; w++) {
                                int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * total);
                                text.append(w == 0 ? "" : " ").append(word(index < 0 ? -index - 1 : index));
                            }
                            ps.setString(9, text.toString());
                            ps.setString(10, "bench-" + n);
                            if (n % FILE_EVERY == 0) { // one message in 50 carries a file (the content need not exist)
                                ps.setString(11, String.format("%064x", n));
                                ps.setString(12, "file-" + n + ".txt");
                                ps.setLong(13, 100);
                                ps.setString(14, "text/plain");
                                ps.setBoolean(15, false);
                            } else {
                                for (int column = 11; column <= 14; column++) {
                                    ps.setNull(column, column == 13 ? java.sql.Types.BIGINT : java.sql.Types.VARCHAR);
                                }
                                ps.setNull(15, java.sql.Types.BOOLEAN);
                            }
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
            }
        }
    }
}
