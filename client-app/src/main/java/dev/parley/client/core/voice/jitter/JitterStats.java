package dev.parley.client.core.voice.jitter;

/**
 * A snapshot of one speaker's jitter buffer counters.
 *
 * @param received        every packet offered, including the ones then dropped
 * @param late            dropped: arrived after its slot had been played or given up
 * @param duplicate       dropped: a copy of a packet already buffered or played
 * @param overflowDropped dropped: the buffer was full (far too much audio queued)
 * @param lost            frame slots whose packet was not there in time
 * @param recoveredByFec  of the lost slots, those handed out for FEC recovery from the next packet
 * @param concealed       of the lost slots, those handed out for concealment (PLC)
 * @param targetDelayMs   the playout delay applied to the current or next talk spurt
 * @param jitterMs        the current jitter estimate (the configured percentile of recent delay variation)
 * @param buffered        packets waiting in the buffer now
 * @param talking         whether a talk spurt is being played out
 */
public record JitterStats(
        long received, long late, long duplicate, long overflowDropped, long lost, long recoveredByFec,
        long concealed, int targetDelayMs, double jitterMs, int buffered, boolean talking) {
}
