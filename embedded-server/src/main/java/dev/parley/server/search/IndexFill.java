package dev.parley.server.search;

import dev.parley.server.db.Database;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the index up to the database at start: everything for a new (or crashed) index, else the
 * messages stored after what it last committed (written by another tool, a restore, a migration).
 */
public final class IndexFill {
    private static final Logger log = LoggerFactory.getLogger(IndexFill.class);
    private static final int BATCH = 5_000;

    private IndexFill() {
    }

    /** @return how many messages were added */
    public static long fill(SearchIndex index, Database database, SearchRows rows) {
        long started = System.nanoTime();
        long after = index.through();
        long added = 0;
        while (true) {
            long from = after;
            List<IndexedMessage> batch = database.transact(c -> rows.liveAfter(c, from, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            index.putAll(batch).join();
            added += batch.size();
            after = batch.get(batch.size() - 1).id();
        }
        if (added > 0) {
            index.commit().join();
            log.info("Search index: {} messages added in {} ms", added, (System.nanoTime() - started) / 1_000_000);
        }
        return added;
    }
}
