package dev.parley.server.directory;

import dev.parley.protocol.control.ControlCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Fills one page of a list that grows with the room: at most {@code limit} items and at most
 * {@code byteBudget} bytes of encoded JSON, so the reply stays under the frame limit whatever the
 * items hold (a channel with a 500-character description of 3-byte characters is ~1.8 KB, a user ~0.3 KB).
 * Always takes at least one item, so paging never stalls. Stateless; any thread.
 */
public final class PageFiller {
    /** The items taken and whether any were left. */
    public record Page<T>(List<T> items, boolean hasMore) {
        public Page {
            items = List.copyOf(items);
        }
    }

    private final ControlCodec codec;

    public PageFiller(ControlCodec codec) {
        this.codec = codec;
    }

    public <T> Page<T> fill(Iterator<? extends T> items, int limit, int byteBudget) {
        List<T> taken = new ArrayList<>();
        int bytes = 2; // the brackets
        while (items.hasNext()) {
            if (taken.size() >= limit) {
                return new Page<>(taken, true);
            }
            T next = items.next();
            int size = codec.encodedSize(next) + 1; // and its comma
            if (!taken.isEmpty() && bytes + size > byteBudget) {
                return new Page<>(taken, true);
            }
            taken.add(next);
            bytes += size;
        }
        return new Page<>(taken, false);
    }

    /** Bytes {@code value} takes as JSON. */
    public int size(Object value) {
        return codec.encodedSize(value);
    }
}
