package dev.parley.client.core.discovery;

/** The mDNS service type and TXT keys Parley hosts announce themselves with. */
public final class LanDiscovery {
    /** DNS-SD type of a Parley room's control port. */
    public static final String SERVICE_TYPE = "_parley._tcp.local.";
    static final String TXT_ROOM = "room";
    static final String TXT_PORT = "port";
    static final String TXT_PASSWORD = "password";

    private LanDiscovery() {
    }
}
