package dev.parley.bench.load;

import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.VoiceWire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Voice through {@link BareForwarder} in its own JVM. Datagrams have exactly the length Parley's
 * sealed ones have (header, audio body, payload, tag), in the clear. Stateless per packet: any thread.
 */
final class BareVoiceTarget implements VoiceTarget {

    /** Where the payload starts in a sealed Parley datagram; the send time goes there too. */
    static final int PAYLOAD_OFFSET = VoiceWire.HEADER_BYTES + AudioFrame.FIXED_BYTES;

    private final ChildProcess forwarder;
    private final InetSocketAddress address;

    BareVoiceTarget(List<String> jvmOptions) {
        forwarder = ChildProcess.java("bare-forwarder", jvmOptions, BareForwarder.class, List.of());
        address = new InetSocketAddress("127.0.0.1", forwarder.readyInt(0));
    }

    @Override
    public String name() {
        return "bare forwarder";
    }

    @Override
    public List<VoiceClient> connect(Scenario scenario) {
        List<VoiceClient> clients = new ArrayList<>();
        try {
            for (int group = 0; group < scenario.channelSizes().size(); group++) {
                int size = scenario.channelSizes().get(group);
                for (int i = 0; i < size; i++) {
                    DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)).connect(address);
                    clients.add(new VoiceClient(clients.size(), group, size,
                            i < scenario.talkersPerChannel().get(group), udp, null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clients;
    }

    @Override
    public byte[] bind(VoiceClient client) {
        return ByteBuffer.allocate(5).put(BareForwarder.JOIN).putInt(client.group).array();
    }

    @Override
    public int audio(VoiceClient client, int sequence, byte[] opus, long sentNanos, byte[] out) {
        out[0] = 1;
        Bytes.putInt(out, 2, client.index);
        System.arraycopy(opus, 0, out, PAYLOAD_OFFSET, opus.length);
        Bytes.putLong(out, PAYLOAD_OFFSET, sentNanos);
        return PAYLOAD_OFFSET + opus.length + VoiceWire.TAG_BYTES;
    }

    @Override
    public long sentNanos(VoiceClient listener, byte[] datagram, int length) {
        if (length == 5 && datagram[0] == BareForwarder.JOIN) {
            listener.bound = true;
            return -1;
        }
        listener.heard(datagram, PAYLOAD_OFFSET, length - PAYLOAD_OFFSET - VoiceWire.TAG_BYTES);
        return Bytes.getLong(datagram, PAYLOAD_OFFSET);
    }

    @Override
    public boolean isAudio(byte[] datagram, int length) {
        return length != 5 || datagram[0] != BareForwarder.JOIN;
    }

    @Override
    public ChildProcess process() {
        return forwarder;
    }

    @Override
    public void close() {
        forwarder.close();
    }
}
