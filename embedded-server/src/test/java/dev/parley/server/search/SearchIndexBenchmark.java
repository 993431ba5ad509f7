package dev.parley.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.chat.ConversationKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index alone over a million messages (no network, no database re-check): what one
 * query costs the room, per query kind, with the permission filter of a member who reads 19 of 20
 * channels and their own direct messages. {@code ChatSearchBenchmark} measures the whole round trip.
 */
@Tag("benchmark")
class SearchIndexBenchmark {
    static final int MESSAGES = Integer.getInteger("parley.bench.messages", 1_000_000);
    static final int CHANNELS = 20;
    static final long ACCOUNTS = 5;
    static final long YEAR_START = 1_700_000_000_000L;
    static final long SPAN = 365L * 24 * 3600 * 1000;
    static final int WORDS = 20_000;
    private static final int RUNS = 200;

    @TempDir
    Path folder;

    @Test
    void queriesAMillionMessageIndex() throws Exception {
        long start = System.nanoTime();
        try (SearchIndex index = SearchIndex.open(folder)) {
            MessageMaker maker = new MessageMaker();
            List<IndexedMessage> batch = new ArrayList<>();
            for (int n = 1; n <= MESSAGES; n++) {
                batch.add(maker.message(n));
                if (batch.size() == 10_000) {
                    index.putAll(batch).join();
                    batch.clear();
                }
            }
            index.putAll(batch).join();
            index.commit().join();
            double fillSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("search-index: %,d messages indexed and committed in %.1f s%n", MESSAGES, fillSeconds);

            Set<Long> readable = LongStream.rangeClosed(1, CHANNELS - 1).boxed().collect(Collectors.toSet());
            long me = 2;
            Map<String, IntFunction<SearchCriteria>> kinds = new LinkedHashMap<>();
            kinds.put("common word, everywhere", i -> criteria(MessageMaker.word(i % 5), null, readable, me, null, null, null));
            kinds.put("rare word, everywhere", i -> criteria(MessageMaker.word(5_000 + i * 97 % 15_000), null, readable, me, null, null, null));
            kinds.put("two words, everywhere", i -> criteria(MessageMaker.word(i % 50) + " " + MessageMaker.word(50 + i % 200), null, readable, me, null, null, null));
            kinds.put("phrase, everywhere", i -> criteria("\"" + MessageMaker.word(i % 20) + " " + MessageMaker.word(1 + i % 30) + "\"", null, readable, me, null, null, null));
            kinds.put("word in one channel", i -> criteria(MessageMaker.word(i % 300), ConversationKey.channel(1 + i % (CHANNELS - 1)), readable, me, null, null, null));
            kinds.put("word in a DM", i -> criteria(MessageMaker.word(i % 300), ConversationKey.direct(me, 1 + (me + i % 4) % ACCOUNTS), readable, me, null, null, null));
            kinds.put("word from one user", i -> criteria(MessageMaker.word(i % 300), null, readable, me, 1 + (long) i % ACCOUNTS, null, null));
            kinds.put("word in one month", i -> criteria(MessageMaker.word(i % 300), null, readable, me, null,
                    YEAR_START + (i % 11) * SPAN / 12, YEAR_START + (i % 11 + 1) * SPAN / 12));
            kinds.put("from one user, no words", i -> criteria(null, null, readable, me, 1 + (long) i % ACCOUNTS, null, null));
            for (Map.Entry<String, IntFunction<SearchCriteria>> kind : kinds.entrySet()) {
                for (int i = 0; i < 20; i++) {
                    index.search(kind.getValue().apply(i), 30).join();
                }
                List<Double> millis = new ArrayList<>();
                long found = 0;
                for (int i = 0; i < RUNS; i++) {
                    SearchCriteria criteria = kind.getValue().apply(i);
                    long t = System.nanoTime();
                    SearchIndex.Hits hits = index.search(criteria, 30).join();
                    millis.add((System.nanoTime() - t) / 1e6);
                    found += hits.ids().size();
                }
                Collections.sort(millis);
                System.out.printf("search-index: %-26s median %6.2f ms  p95 %6.2f ms  max %6.2f ms  (%d runs, %.1f hits/page)%n",
                        kind.getKey(), millis.get(RUNS / 2), millis.get((int) (RUNS * 0.95)), millis.get(RUNS - 1), RUNS,
                        found / (double) RUNS);
                assertThat(found).as(kind.getKey()).isPositive();
            }
        }
    }

    private static SearchCriteria criteria(String text, ConversationKey within, Set<Long> readable, long me, Long from,
                                           Long after, Long before) {
        return new SearchCriteria(text, within, readable, me, from, after, before, false, null);
    }

    /** Deterministic messages: Zipf-like words, 20 channels, every tenth a DM between accounts 1..5. */
    static final class MessageMaker {
        private final SplittableRandom random = new SplittableRandom(13);
        private final double[] cumulative = new double[WORDS];

        MessageMaker() {
            double sum = 0;
            for (int i = 0; i < WORDS; i++) {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
        }

        static String word(int i) {
            return "w" + Integer.toString(i, 36) + "x";
        }

        IndexedMessage message(int n) {
            long author = 1 + random.nextInt((int) ACCOUNTS);
            ConversationKey conversation;
            if (n % 10 == 9) {
                long other = 1 + (author + random.nextInt((int) ACCOUNTS - 1)) % ACCOUNTS;
                conversation = ConversationKey.direct(author, other);
            } else {
                conversation = ConversationKey.channel(1 + random.nextInt(CHANNELS));
            }
            StringBuilder text = new StringBuilder();
            int words = 4 + random.nextInt(16);
            double total = cumulative[WORDS - 1];
            for (int w = 0; w < words; w++) {
                int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * total);
                text.append(w == 0 ? "" : " ").append(word(index < 0 ? -index - 1 : index));
            }
            return new IndexedMessage(n, YEAR_START + (long) n * (SPAN / MESSAGES), conversation, author, text.toString(),
                    false);
        }
    }
}
