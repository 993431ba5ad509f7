package dev.parley.bench.load;

import java.nio.channels.DatagramChannel;

/**
 * One simulated voice client: its UDP channel (connected to the relay), its channel group and
 * whether it talks, plus whatever the target needs to speak its wire format ({@code wire}). The
 * sender thread only writes, the receiver thread only reads.
 */
final class VoiceClient {
    final int index;
    final int group;
    final int groupSize;
    final boolean talker;
    final DatagramChannel udp;
    final Object wire;
    volatile boolean bound;
    /** Audio datagrams received; receiver thread only. */
    long audioSeen;
    /**
     * Per talker index, the sequence numbers of that talker's packets this listener opened (each
     * payload carries its talker and sequence after the send time, see {@link VoiceLoad}); receiver thread only.
     */
    final java.util.Map<Integer, java.util.BitSet> heard = new java.util.HashMap<>();
    /** Packets this listener opened twice (same talker, same sequence); receiver thread only. */
    long duplicates;

    /** Records the talker and sequence stamped in an opened audio payload at {@code offset}. Receiver thread. */
    void heard(byte[] payload, int offset, int length) {
        if (length < VoiceLoad.STAMP_BYTES) {
            return;
        }
        java.util.BitSet sequences = heard.computeIfAbsent(Bytes.getInt(payload, offset + 8), t -> new java.util.BitSet());
        int sequence = Bytes.getInt(payload, offset + 12);
        if (sequence >= 0) {
            if (sequences.get(sequence)) {
                duplicates++;
            }
            sequences.set(sequence);
        }
    }

    VoiceClient(int index, int group, int groupSize, boolean talker, DatagramChannel udp, Object wire) {
        this.index = index;
        this.group = group;
        this.groupSize = groupSize;
        this.talker = talker;
        this.udp = udp;
        this.wire = wire;
    }
}
