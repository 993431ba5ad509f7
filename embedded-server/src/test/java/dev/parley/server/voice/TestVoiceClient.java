package dev.parley.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceBody;
import dev.parley.protocol.voice.VoiceChallenge;
import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceHello;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoiceLink;
import dev.parley.protocol.voice.VoiceWire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A voice client over a real UDP socket on 127.0.0.1. Confined to the test thread. */
final class TestVoiceClient implements AutoCloseable {

    private static final int RECEIVE_TIMEOUT_MILLIS = 5_000;

    final int sessionId;
    final VoiceLink link;
    private final InetSocketAddress relay;
    private final InetAddress localAddress;
    private DatagramSocket socket;

    TestVoiceClient(int sessionId, VoiceKey key, InetSocketAddress relay) {
        this(sessionId, key, relay, InetAddress.getLoopbackAddress());
    }

    /** A client whose socket is bound to {@code localAddress} (e.g. 127.0.0.2, another host on loopback). */
    TestVoiceClient(int sessionId, VoiceKey key, InetSocketAddress relay, InetAddress localAddress) {
        this.sessionId = sessionId;
        this.link = new VoiceLink(sessionId, key, VoiceDirection.CLIENT_TO_SERVER);
        this.relay = relay;
        this.localAddress = localAddress;
        this.socket = newSocket(localAddress);
    }

    /**
     * Binds this socket's address: a HELLO, the relay's challenge, the HELLO echoing the cookie, and
     * the relay's acknowledgement with the same nonce.
     */
    TestVoiceClient bind() {
        long nonce = sessionId * 1000L;
        send(new VoiceHello(nonce));
        VoiceBody challenge = receiveBody();
        assertThat(challenge).isInstanceOf(VoiceChallenge.class);
        send(new VoiceHello(nonce, ((VoiceChallenge) challenge).cookie()));
        assertThat(receiveBody()).isEqualTo(new VoiceHello(nonce));
        return this;
    }

    InetSocketAddress localSocketAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Seals with the next counter and sends; returns the datagram so tests can replay it. */
    byte[] send(VoiceBody body) {
        byte[] datagram = link.seal(body);
        sendRaw(datagram);
        return datagram;
    }

    void sendRaw(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, relay));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves to a new local port, as after a NAT rebinding; keys and counters stay. */
    void changePort() {
        socket.close();
        socket = newSocket(localAddress);
    }

    VoiceBody receiveBody() {
        OpenResult result = link.open(receiveRaw(RECEIVE_TIMEOUT_MILLIS));
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        return ((OpenResult.Opened) result).body();
    }

    OpenResult.Opened receiveOpened() {
        OpenResult result = link.open(receiveRaw(RECEIVE_TIMEOUT_MILLIS));
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        return (OpenResult.Opened) result;
    }

    /**
     * Asserts nothing is waiting. Loopback delivers into the socket buffer during the relay's send,
     * so callers first make sure the relay has finished the datagram in question (e.g. a pong came back).
     */
    void assertNothingReceived() {
        byte[] unexpected = receiveRaw(50);
        assertThat(unexpected).as("datagram that should not have arrived").isNull();
    }

    /** The next raw datagram within {@code timeoutMillis}, or null. */
    byte[] poll(int timeoutMillis) {
        return receiveRaw(timeoutMillis);
    }

    private byte[] receiveRaw(int timeoutMillis) {
        byte[] buffer = new byte[VoiceWire.MAX_DATAGRAM_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(timeoutMillis);
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            if (timeoutMillis == RECEIVE_TIMEOUT_MILLIS) {
                throw new AssertionError("client " + sessionId + " received nothing within " + timeoutMillis + " ms");
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    private static DatagramSocket newSocket(InetAddress localAddress) {
        try {
            return new DatagramSocket(new InetSocketAddress(localAddress, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
