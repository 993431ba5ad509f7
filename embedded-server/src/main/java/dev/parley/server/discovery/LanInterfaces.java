package dev.parley.server.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which addresses LAN discovery (announcing and browsing) binds to: one mDNS responder per address.
 * By default every interface that is up, multicast-capable and not loopback, with one IPv4 and one
 * IPv6 address each, so a machine on Wi-Fi and Ethernet at once is found on both. The system property
 * {@value #PROPERTY} (a list as {@link #parse} reads it) overrides the default: the build sets it to
 * {@code 127.0.0.1} so no test ever touches a real interface. Stateless.
 */
public final class LanInterfaces {
    private static final Logger log = LoggerFactory.getLogger(LanInterfaces.class);
    public static final String PROPERTY = "parley.lan.interfaces";

    private LanInterfaces() {
    }

    /** What an interface looks like to the selection (NetworkInterface itself cannot be made in a test). */
    record Nic(String name, boolean up, boolean multicast, boolean loopback, boolean virtual, List<InetAddress> addresses) {
        Nic {
            Objects.requireNonNull(name, "name");
            addresses = List.copyOf(addresses);
        }
    }

    /** The addresses discovery uses unless told otherwise: {@value #PROPERTY} if set, else {@link #everyLanInterface()}. */
    public static List<InetAddress> defaults() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            return parse(override);
        }
        return everyLanInterface();
    }

    /** Every up, multicast-capable, non-loopback interface: one IPv4 and one IPv6 address each. */
    public static List<InetAddress> everyLanInterface() {
        return chooseDefault(machineNics());
    }

    /**
     * The addresses for a room that listens on {@code listenHost}: a room bound to one address is only
     * reachable there, so it is announced only on that address's interface (a room on 127.0.0.1 stays
     * on this machine); a room on every address ({@code 0.0.0.0}, {@code ::}) gets {@link #defaults()}.
     */
    public static List<InetAddress> forListenAddress(String listenHost) {
        InetAddress listen;
        try {
            // The room resolves the same name to bind; "localhost" comes from the hosts file.
            listen = InetAddress.getByName(listenHost);
        } catch (UnknownHostException e) {
            return defaults();
        }
        if (listen.isAnyLocalAddress()) {
            return defaults();
        }
        return List.of(listen);
    }

    /**
     * Reads {@code --announce-on}: a comma-separated list of interface names ({@code eth0}) and
     * addresses of this machine ({@code 192.168.1.5}, {@code 127.0.0.1}); {@code all} means
     * {@link #everyLanInterface()}. A named interface may be loopback (tests use {@code lo}).
     *
     * @throws IllegalArgumentException naming the entry that is neither, and listing what exists
     */
    public static List<InetAddress> parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        List<Nic> nics = machineNics();
        Set<InetAddress> result = new LinkedHashSet<>();
        for (String raw : spec.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equalsIgnoreCase("all")) {
                result.addAll(chooseDefault(nics));
                continue;
            }
            Nic byName = nics.stream().filter(nic -> nic.name().equals(entry)).findFirst().orElse(null);
            if (byName != null) {
                List<InetAddress> picked = pick(byName);
                if (picked.isEmpty()) {
                    throw new IllegalArgumentException("interface " + entry + " has no address to announce on");
                }
                result.addAll(picked);
                continue;
            }
            InetAddress address;
            try {
                address = literal(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + entry + "' is neither an interface of this machine nor an IP address"
                        + " (interfaces: " + String.join(", ", nics.stream().map(Nic::name).toList()) + ")");
            }
            boolean ours = nics.stream().anyMatch(nic -> nic.addresses().contains(address));
            if (!ours) {
                throw new IllegalArgumentException(entry + " is not an address of this machine");
            }
            result.add(address);
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no interface given to announce on");
        }
        return List.copyOf(result);
    }

    /** The default selection over the given interfaces. */
    static List<InetAddress> chooseDefault(List<Nic> nics) {
        List<InetAddress> result = new ArrayList<>();
        for (Nic nic : nics) {
            if (nic.up() && nic.multicast() && !nic.loopback() && !nic.virtual()) {
                result.addAll(pick(nic));
            }
        }
        return result;
    }

    /**
     * One IPv4 and one IPv6 address of the interface: routable ones first (a joiner connects to what
     * is announced, and a link-local IPv6 address needs a scope the joiner may not know).
     */
    static List<InetAddress> pick(Nic nic) {
        List<InetAddress> result = new ArrayList<>();
        best(nic, Inet4Address.class).ifPresent(result::add);
        best(nic, Inet6Address.class).ifPresent(result::add);
        return result;
    }

    private static java.util.Optional<InetAddress> best(Nic nic, Class<? extends InetAddress> family) {
        return nic.addresses().stream().filter(family::isInstance)
                .min((a, b) -> Boolean.compare(a.isLinkLocalAddress(), b.isLinkLocalAddress()));
    }

    private static List<Nic> machineNics() {
        List<Nic> nics = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                try {
                    nics.add(new Nic(nic.getName(), nic.isUp(), nic.supportsMulticast(), nic.isLoopback(), nic.isVirtual(),
                            Collections.list(nic.getInetAddresses())));
                } catch (SocketException e) {
                    log.debug("Skipping interface {}: {}", nic.getName(), e.toString());
                }
            }
        } catch (SocketException e) {
            log.warn("Could not list network interfaces: {}", e.getMessage());
        }
        return nics;
    }

    /** An IP literal, never a DNS lookup. */
    static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = bare.contains(":") && bare.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
