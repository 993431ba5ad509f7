package dev.parley.client.core.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How far away a room is: the time a TCP connection to its control port takes to open (one round
 * trip), closed at once without a byte sent. Needs no account and no protocol support, so it works
 * for any room in the LAN list. Blocking: call it off the UI thread. Stateless.
 */
public final class TcpPing {
    private TcpPing() {
    }

    /** Milliseconds to connect, or empty when the room did not answer within {@code timeout}. */
    public static OptionalLong millis(String host, int port, Duration timeout) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return OptionalLong.of(Math.max(0, (System.nanoTime() - start) / 1_000_000));
        } catch (IOException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }
}
