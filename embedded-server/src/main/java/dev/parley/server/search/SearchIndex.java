package dev.parley.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room's full-text index of chat messages: an Apache Lucene index in the data folder, derived
 * from the database and rebuildable from it at any time. It holds only what a search needs to find
 * ids (words, conversation, author, time, "has a file"); what is shown always comes from the
 * database, re-checked there (see {@link SearchHandlers}).
 *
 * <p>Threads: every change and every search runs on one thread of its own ({@code parley-search}), in
 * the order they were handed in, so a search sees every change handed in before it. Public methods
 * may be called from any thread.
 *
 * <p>Crash safety: a marker file says the index is open; it is removed only after a clean close has
 * committed. An index found with the marker (the room crashed) or missing is rebuilt from the database.
 */
public final class SearchIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final String OPEN_MARKER = "OPEN";
    /** Commit data: the highest message id the committed index has seen. */
    private static final String THROUGH = "through";
    private static final Sort NEWEST_FIRST = new Sort(new SortField(IndexFields.ID, SortField.Type.LONG, true));
    private static final int QUEUE = 100_000;

    private final Path folder;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final QueryTranslator translator;
    private final ExecutorService thread;
    private final boolean fresh;
    /** Touched only on the index thread (and in open/close, before and after it runs). */
    private long through;

    /** A page of matching ids, newest first, and whether the index holds more matches after them. */
    public record Hits(List<Long> ids, boolean more) {
        public Hits {
            ids = List.copyOf(ids);
        }
    }

    private SearchIndex(Path folder, boolean fresh) throws IOException {
        this.folder = folder;
        this.fresh = fresh;
        Analyzer analyzer = new StandardAnalyzer();
        this.directory = FSDirectory.open(folder);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // Sorted newest first on disk: a search for the newest N matches stops after N.
                .setIndexSort(NEWEST_FIRST)
                .setRAMBufferSizeMB(32);
        this.writer = new IndexWriter(directory, config);
        Map<String, String> committed = writer.getLiveCommitData() == null ? Map.of() : toMap(writer.getLiveCommitData());
        this.through = fresh ? 0 : Long.parseLong(committed.getOrDefault(THROUGH, "0"));
        this.searchers = new SearcherManager(writer, null);
        this.translator = new QueryTranslator(analyzer);
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE), task -> {
            Thread t = new Thread(task, "parley-search");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens (or creates) the index in {@code folder}. {@link #needsRebuild()} then says whether it must be
     * filled from the database from scratch (new, or left open by a crash).
     */
    public static SearchIndex open(Path folder) {
        try {
            Files.createDirectories(folder);
            Path marker = folder.resolve(OPEN_MARKER);
            boolean crashed = Files.exists(marker);
            boolean fresh = crashed || !DirectoryReader.indexExists(FSDirectory.open(folder));
            if (crashed) {
                log.warn("The search index in {} was not closed cleanly; rebuilding it from the database", folder);
            }
            SearchIndex index = new SearchIndex(folder, fresh);
            Files.writeString(marker, "open\n");
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + folder, e);
        }
    }

    public boolean needsRebuild() {
        return fresh;
    }

    /** The highest message id this index has taken in (0 for a new one). */
    public long through() {
        return call(() -> through).join();
    }

    /** Adds a new message, or replaces what the index had for it (an edit). */
    public CompletableFuture<Void> put(IndexedMessage message) {
        return putAll(List.of(message));
    }

    public CompletableFuture<Void> putAll(List<IndexedMessage> messages) {
        List<IndexedMessage> batch = List.copyOf(messages);
        return call(() -> {
            for (IndexedMessage message : batch) {
                writer.updateDocument(IndexFields.idTerm(message.id()), IndexFields.document(message));
                through = Math.max(through, message.id());
            }
            return null;
        });
    }

    /** Forgets a deleted message. */
    public CompletableFuture<Void> remove(long messageId) {
        return call(() -> {
            writer.deleteDocuments(IndexFields.idTerm(messageId));
            return null;
        });
    }

    /** Up to {@code max} ids matching {@code criteria}, newest first. */
    public CompletableFuture<Hits> search(SearchCriteria criteria, int max) {
        return call(() -> {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopFieldDocs top = searcher.search(translator.translate(criteria), max + 1, NEWEST_FIRST);
                List<Long> ids = new ArrayList<>(Math.min(max, top.scoreDocs.length));
                for (ScoreDoc hit : top.scoreDocs) {
                    if (ids.size() == max) {
                        break;
                    }
                    ids.add((Long) ((FieldDoc) hit).fields[0]);
                }
                return new Hits(ids, top.scoreDocs.length > max);
            } finally {
                searchers.release(searcher);
            }
        });
    }

    /** Makes everything handed in so far durable (a clean close does this too). */
    public CompletableFuture<Void> commit() {
        return call(() -> {
            commitNow();
            return null;
        });
    }

    private void commitNow() throws IOException {
        writer.setLiveCommitData(Map.of(THROUGH, Long.toString(through)).entrySet());
        writer.commit();
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The search index did not finish its work in 30 s; it will be rebuilt at the next start");
                thread.shutdownNow();
                writer.rollback();
                searchers.close();
                directory.close();
                return;
            }
            commitNow();
            searchers.close();
            writer.close();
            directory.close();
            Files.deleteIfExists(folder.resolve(OPEN_MARKER));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.warn("Could not close the search index in {}: {}; it will be rebuilt at the next start", folder,
                    e.toString());
        }
    }

    @FunctionalInterface
    private interface IndexWork<T> {
        T run() throws IOException;
    }

    private <T> CompletableFuture<T> call(IndexWork<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    done.complete(work.run());
                } catch (IOException | RuntimeException e) {
                    log.warn("Search index work failed: {}", e.toString());
                    done.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(new dev.parley.server.control.Refusal(dev.parley.protocol.control.ErrorCode.RATE_LIMITED,
                    "The search index is busy; try again in a moment."));
        }
        return done;
    }

    private static Map<String, String> toMap(Iterable<Map.Entry<String, String>> entries) {
        Map<String, String> map = new java.util.HashMap<>();
        entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }
}
