package dev.parley.client.core.voice.jitter;

/**
 * A snapshot of one speaker's jitter buffer counters, relative to the sender's sequence numbers.
 *
 * @param received        every packet offered, including the ones then dropped
 * @param late            dropped: arrived after its slot had been played or given up (still fed the estimator)
 * @param duplicate       dropped: a copy of a packet already buffered or played
 * @param overflowDropped dropped: the buffer was full, or far more audio waited than time-stretching can
 *                        absorb and the playout point skipped ahead (catch-up)
 * @param lost            frame slots given up without their packet (concealed or FEC-recovered)
 * @param recoveredByFec  of the lost slots, those handed out for FEC recovery from the next packet
 * @param concealed       of the lost slots, those handed out for concealment (PLC)
 * @param expanded        frames concealed while waiting for a packet that was not there yet (delay grew)
 * @param neverArrived    lost slots whose packet has not arrived at all, not even late
 * @param targetDelayMs   the playout delay the buffer steers towards now
 * @param jitterMs        the current jitter estimate (the configured percentile of recent delay variation)
 * @param buffered        packets waiting in the buffer now
 * @param talking         whether a talk spurt is being played out
 * @param recoveredAfterConcealing of {@code recoveredByFec}, frames whose concealment had already begun to play
 *                        when the packet carrying their FEC data came: the rest of the concealment was replaced
 *                        by the FEC audio ({@link JitterBuffer#fecForLastConcealment()})
 */
public record JitterStats(
        long received, long late, long duplicate, long overflowDropped, long lost, long recoveredByFec,
        long concealed, long expanded, long neverArrived, int targetDelayMs, double jitterMs, int buffered,
        boolean talking, long recoveredAfterConcealing) {
}
