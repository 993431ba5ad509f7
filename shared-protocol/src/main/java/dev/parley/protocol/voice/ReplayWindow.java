package dev.parley.protocol.voice;

import java.util.Arrays;

/**
 * Accepts each counter at most once, tolerating reordering within the last {@value #SIZE} counters
 * (the sliding bitmap of IPsec, WireGuard and Mumble). Counters older than the window are refused even
 * if never seen: the receiver can no longer tell. Not thread-safe: one owner thread per window.
 *
 * <p>Only record a counter after the datagram authenticated, or forged datagrams could slide the
 * window forward and make real traffic look old: {@link #wouldAccept} before decrypting (cheap),
 * {@link #accept} after.
 */
public final class ReplayWindow {

    /** Counters tolerated behind the highest one seen; 128 = 2.56 s of 20 ms frames. */
    public static final int SIZE = 128;

    private static final int WORDS = SIZE / Long.SIZE;

    private final long[] seen = new long[WORDS];
    private long highest = -1;
    private long accepted;

    /** Whether {@link #accept} would take this counter; changes nothing. */
    public boolean wouldAccept(long counter) {
        if (counter < 0) {
            return false;
        }
        if (counter > highest) {
            return true;
        }
        return highest - counter < SIZE && !isSeen(counter);
    }

    /** Records the counter and returns true if it is new and not too old; otherwise returns false. */
    public boolean accept(long counter) {
        if (!wouldAccept(counter)) {
            return false;
        }
        if (counter > highest) {
            slideTo(counter);
        }
        seen[wordOf(counter)] |= bitOf(counter);
        accepted++;
        return true;
    }

    /** Highest counter accepted so far, or -1 before the first. */
    public long highest() {
        return highest;
    }

    /** How many counters were accepted so far. */
    public long acceptedCount() {
        return accepted;
    }

    private void slideTo(long counter) {
        // Forget the slots that the counters between the old and new highest will reuse.
        if (highest < 0 || counter - highest >= SIZE) {
            Arrays.fill(seen, 0L);
        } else {
            for (long c = highest + 1; c <= counter; c++) {
                seen[wordOf(c)] &= ~bitOf(c);
            }
        }
        highest = counter;
    }

    private boolean isSeen(long counter) {
        return (seen[wordOf(counter)] & bitOf(counter)) != 0;
    }

    private static int wordOf(long counter) {
        return (int) ((counter / Long.SIZE) % WORDS);
    }

    private static long bitOf(long counter) {
        return 1L << (counter % Long.SIZE);
    }
}
