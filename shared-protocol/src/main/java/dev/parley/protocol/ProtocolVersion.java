package dev.parley.protocol;

/**
 * The control protocol version a client announces in {@code hello}. A server accepts clients whose
 * version it knows; any other version gets {@code unsupported_version} and the connection closes.
 */
public final class ProtocolVersion {
    public static final int CURRENT = 1;
    public static final int OLDEST_SUPPORTED = 1;

    private ProtocolVersion() {
    }

    public static boolean isSupported(int version) {
        return version >= OLDEST_SUPPORTED && version <= CURRENT;
    }
}
