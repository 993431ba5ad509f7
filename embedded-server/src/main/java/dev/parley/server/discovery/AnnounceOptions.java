package dev.parley.server.discovery;

import java.net.InetAddress;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The headless server's LAN options ({@code --no-announce}, {@code --announce-on}), mixed into its
 * command line. Read on the main thread once the options are parsed.
 */
public final class AnnounceOptions {
    @Option(names = "--no-announce",
            description = "Do not announce the room on the local network (it is announced by default, so people "
                    + "on the same LAN see it in their list of rooms).")
    boolean noAnnounce;

    @Option(names = "--announce-on", paramLabel = "LIST",
            description = "Where to announce: comma-separated interface names (eth0, wlan0) or addresses of this "
                    + "machine. Default: every up, multicast-capable, non-loopback interface (IPv4 and IPv6); "
                    + "only --host's interface when --host is one address.")
    String announceOn;

    /** The addresses to announce on for a room listening on {@code listenHost}; empty with {@code --no-announce}. */
    public List<InetAddress> addresses(String listenHost) {
        if (noAnnounce) {
            return List.of();
        }
        return announceOn != null ? LanInterfaces.parse(announceOn) : LanInterfaces.forListenAddress(listenHost);
    }
}
