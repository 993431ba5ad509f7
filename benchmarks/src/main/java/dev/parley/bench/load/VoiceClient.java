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

    VoiceClient(int index, int group, int groupSize, boolean talker, DatagramChannel udp, Object wire) {
        this.index = index;
        this.group = group;
        this.groupSize = groupSize;
        this.talker = talker;
        this.udp = udp;
        this.wire = wire;
    }
}
