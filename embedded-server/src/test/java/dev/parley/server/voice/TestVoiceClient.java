package dev.parley.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceBody;
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
    private DatagramSocket socket;

    TestVoiceClient(int sessionId, VoiceKey key, InetSocketAddress relay) {
        this.sessionId = sessionId;
        this.link = new VoiceLink(sessionId, key, VoiceDirection.CLIENT_TO_SERVER);
        this.relay = relay;
        this.socket = newSocket();
    }

    /** Sends a hello and checks the relay acknowledges it with the same nonce. */
    TestVoiceClient bind() {
        send(new VoiceHello(sessionId * 1000L));
        assertThat(receiveBody()).isEqualTo(new VoiceHello(sessionId * 1000L));
        return this;
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
        socket = newSocket();
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

    private static DatagramSocket newSocket() {
        try {
            return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
