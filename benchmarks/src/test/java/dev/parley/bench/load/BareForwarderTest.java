package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BareForwarderTest {

    private BareForwarder forwarder;
    private Thread loop;

    @BeforeEach
    void start() throws Exception {
        forwarder = new BareForwarder(new InetSocketAddress("127.0.0.1", 0));
        loop = new Thread(() -> {
            try {
                forwarder.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "test-bare-forwarder");
        loop.start();
    }

    @AfterEach
    void stop() throws Exception {
        forwarder.close();
        loop.join(5_000);
    }

    @Test
    void datagramReachesEveryOtherMemberOfTheSendersGroupOnly() throws Exception {
        try (DatagramChannel ann = join(1); DatagramChannel bob = join(1); DatagramChannel cat = join(2)) {
            ann.write(ByteBuffer.wrap(new byte[] {7, 8, 9}));

            assertThat(receive(bob)).containsExactly(7, 8, 9);
            assertThat(receive(cat)).isNull();
            assertThat(receive(ann)).as("no echo to the sender").isNull();
        }
    }

    private DatagramChannel join(int group) throws Exception {
        DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))
                .connect(new InetSocketAddress("127.0.0.1", forwarder.port()));
        channel.socket().setSoTimeout(300);
        channel.write(ByteBuffer.allocate(5).put(BareForwarder.JOIN).putInt(group).flip());
        assertThat(receive(channel)).as("join echoed").hasSize(5);
        return channel;
    }

    /** The next datagram, or null when none comes within the socket timeout. */
    private static byte[] receive(DatagramChannel channel) throws Exception {
        java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[2048], 2048);
        try {
            channel.socket().receive(packet);
        } catch (SocketTimeoutException nothing) {
            return null;
        }
        return java.util.Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
