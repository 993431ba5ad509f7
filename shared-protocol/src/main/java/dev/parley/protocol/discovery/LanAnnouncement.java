package dev.parley.protocol.discovery;

import dev.parley.protocol.tls.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a room tells the local network about itself: the DNS-SD TXT record of its
 * {@value #SERVICE_TYPE} service (docs/PROTOCOL.md, "LAN discovery"). Pure data and codec, no I/O;
 * immutable.
 *
 * @param roomName         the room's name as its host set it (cut to fit one TXT string)
 * @param port             the control (WebSocket) port; also the service's SRV port
 * @param voicePort        the UDP voice port (the same number as {@code port} unless the host chose another)
 * @param fingerprint      SHA-256 of the room's TLS certificate; null for a room served plain {@code ws://}
 * @param passwordRequired whether registering or joining as a guest needs the room password
 * @param usersOnline      users signed in and visible; -1 when the announcement did not say
 * @param protocolVersion  the control protocol version the room speaks; 0 when not said
 * @param appVersion       the room software's version; empty when not said
 */
public record LanAnnouncement(String roomName, int port, int voicePort, Fingerprint fingerprint,
                              boolean passwordRequired, int usersOnline, int protocolVersion, String appVersion) {
    /** DNS-SD service type of a Parley room's control port. */
    public static final String SERVICE_TYPE = "_parley._tcp.local.";
    /** Version of this TXT layout. */
    public static final String TXT_VERSION = "1";

    public static final String KEY_TXT_VERSION = "txtvers";
    public static final String KEY_ROOM = "room";
    public static final String KEY_PORT = "port";
    public static final String KEY_VOICE_PORT = "voice";
    public static final String KEY_TLS = "tls";
    public static final String KEY_FINGERPRINT = "fp";
    public static final String KEY_PASSWORD = "password";
    public static final String KEY_USERS = "users";
    public static final String KEY_PROTOCOL = "proto";
    public static final String KEY_VERSION = "version";

    /** One TXT string ({@code key=value}) holds at most 255 bytes (RFC 6763 section 6.1). */
    static final int MAX_TXT_STRING_BYTES = 255;
    private static final int MAX_ROOM_BYTES = MAX_TXT_STRING_BYTES - KEY_ROOM.length() - 1;
    private static final int MAX_VERSION_BYTES = 64;

    public LanAnnouncement {
        Objects.requireNonNull(roomName, "roomName");
        Objects.requireNonNull(appVersion, "appVersion");
        roomName = cut(roomName.strip(), MAX_ROOM_BYTES);
        appVersion = cut(appVersion.strip(), MAX_VERSION_BYTES);
        if (roomName.isEmpty()) {
            throw new IllegalArgumentException("an announced room needs a name");
        }
        requirePort(port, "port");
        requirePort(voicePort, "voice port");
        if (usersOnline < -1) {
            throw new IllegalArgumentException("users online is -1 (unknown) or more, not " + usersOnline);
        }
        if (protocolVersion < 0) {
            throw new IllegalArgumentException("protocol version is 0 (unknown) or more, not " + protocolVersion);
        }
    }

    /** Whether joiners connect with {@code wss://} (true) or plain {@code ws://}. */
    public boolean tls() {
        return fingerprint != null;
    }

    public LanAnnouncement withUsersOnline(int users) {
        return new LanAnnouncement(roomName, port, voicePort, fingerprint, passwordRequired, users, protocolVersion,
                appVersion);
    }

    /** The TXT record, in a stable key order. The voice port is only written when it differs from the port. */
    public Map<String, String> toTxt() {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put(KEY_TXT_VERSION, TXT_VERSION);
        txt.put(KEY_ROOM, roomName);
        txt.put(KEY_PORT, Integer.toString(port));
        if (voicePort != port) {
            txt.put(KEY_VOICE_PORT, Integer.toString(voicePort));
        }
        txt.put(KEY_TLS, tls() ? "1" : "0");
        if (fingerprint != null) {
            txt.put(KEY_FINGERPRINT, fingerprint.toString());
        }
        txt.put(KEY_PASSWORD, Boolean.toString(passwordRequired));
        if (usersOnline >= 0) {
            txt.put(KEY_USERS, Integer.toString(usersOnline));
        }
        if (protocolVersion > 0) {
            txt.put(KEY_PROTOCOL, Integer.toString(protocolVersion));
        }
        if (!appVersion.isEmpty()) {
            txt.put(KEY_VERSION, appVersion);
        }
        return txt;
    }

    /**
     * Reads a TXT record as another host announced it. {@code room} is required; {@code port} falls
     * back to the service's SRV port; every other key is optional, unknown keys are ignored (later
     * layouts may add some).
     *
     * @param srvPort the port of the service's SRV record
     * @throws IllegalArgumentException naming the key that is missing or malformed
     */
    public static LanAnnouncement fromTxt(Map<String, String> txt, int srvPort) {
        Objects.requireNonNull(txt, "txt");
        String room = txt.get(KEY_ROOM);
        if (room == null || room.isBlank()) {
            throw new IllegalArgumentException("TXT key '" + KEY_ROOM + "' is missing");
        }
        int port = txt.containsKey(KEY_PORT) ? number(txt, KEY_PORT) : srvPort;
        int voicePort = txt.containsKey(KEY_VOICE_PORT) ? number(txt, KEY_VOICE_PORT) : port;
        Fingerprint fingerprint = null;
        String fp = txt.get(KEY_FINGERPRINT);
        if (fp != null) {
            try {
                fingerprint = Fingerprint.parse(fp);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TXT key '" + KEY_FINGERPRINT + "' is not a SHA-256 fingerprint");
            }
        }
        if ("1".equals(txt.get(KEY_TLS)) && fingerprint == null) {
            throw new IllegalArgumentException("TXT says tls=1 but has no '" + KEY_FINGERPRINT + "'");
        }
        if ("0".equals(txt.get(KEY_TLS)) && fingerprint != null) {
            throw new IllegalArgumentException("TXT says tls=0 but carries a fingerprint");
        }
        String password = txt.getOrDefault(KEY_PASSWORD, "false");
        if (!password.equals("true") && !password.equals("false")) {
            throw new IllegalArgumentException("TXT key '" + KEY_PASSWORD + "' is true or false, not '" + password + "'");
        }
        int users = txt.containsKey(KEY_USERS) ? number(txt, KEY_USERS) : -1;
        int protocol = txt.containsKey(KEY_PROTOCOL) ? number(txt, KEY_PROTOCOL) : 0;
        return new LanAnnouncement(room, port, voicePort, fingerprint, Boolean.parseBoolean(password), users, protocol,
                txt.getOrDefault(KEY_VERSION, ""));
    }

    private static int number(Map<String, String> txt, String key) {
        String text = txt.get(key);
        if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("TXT key '" + key + "' is not a number");
        }
        return Integer.parseInt(text);
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the " + what + " is 1 to 65535, not " + port);
        }
    }

    /** Cuts {@code text} to at most {@code maxBytes} of UTF-8 without splitting a character. */
    static String cut(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }
}
