package dev.parley.client.core.net;

import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.tls.Fingerprint;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code parley://[nickname@]host[:port][/channel][?fp=SHA256HEX][&invite=CODE]} link, as the OS hands it to the
 * desktop app when someone clicks it. The port defaults to {@value #DEFAULT_PORT}; an empty channel
 * means "stay in the lobby"; the optional nickname lets an invitation pre-fill a guest name; the
 * optional {@code fp} is the room certificate's SHA-256 fingerprint (64 hex digits, colons allowed):
 * a link that carries it is trusted for exactly that certificate, without asking, and refused for
 * any other. The optional {@code invite} is a room invite code ({@code invite.create}): the joiner
 * registers with it, so one click trusts the room and makes the account. Readers that predate it
 * ignore the parameter. Immutable.
 *
 * @param host        server address as typed, without IPv6 brackets
 * @param port        control port
 * @param channel     channel name or id to join after signing in, {@code ""} for the lobby
 * @param nickname    guest nickname to pre-fill, {@code ""} when the link has none
 * @param fingerprint the room certificate the invite vouches for; null when the link has none
 * @param invite      the invite code to register with; null when the link has none
 */
public record JoinLink(String host, int port, String channel, String nickname, Fingerprint fingerprint, String invite) {
    public static final String SCHEME = "parley";
    public static final int DEFAULT_PORT = 7720;
    static final String FINGERPRINT_PARAM = "fp";
    static final String INVITE_PARAM = "invite";
    private static final java.util.regex.Pattern INVITE_CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public JoinLink(String host, int port, String channel, String nickname) {
        this(host, port, channel, nickname, null, null);
    }

    public JoinLink(String host, int port, String channel, String nickname, Fingerprint fingerprint) {
        this(host, port, channel, nickname, fingerprint, null);
    }

    /** What an admin or moderator hands out: the room, the certificate to trust and the code to register with. */
    public static JoinLink invite(String host, int port, Fingerprint fingerprint, String code) {
        return new JoinLink(host, port, "", "", fingerprint, code);
    }

    public Optional<String> inviteCode() {
        return Optional.ofNullable(invite);
    }

    /** What a host hands out: address, port and the certificate to trust. */
    public static JoinLink invite(String host, int port, Fingerprint fingerprint) {
        return new JoinLink(host, port, "", "", fingerprint);
    }

    public Optional<Fingerprint> pinned() {
        return Optional.ofNullable(fingerprint);
    }

    public JoinLink withHost(String value) {
        return new JoinLink(value, port, channel, nickname, fingerprint, invite);
    }

    public JoinLink {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("A parley:// link needs a host.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The port in a parley:// link is a number from 1 to 65535.");
        }
        channel = channel == null ? "" : channel;
        nickname = nickname == null ? "" : nickname;
        if (invite != null && !INVITE_CODE.matcher(invite).matches()) {
            throw new IllegalArgumentException("The invite code in this parley:// link is damaged"
                    + " (letters, digits, '-' and '_' only). Ask for the invite link again.");
        }
    }

    /** Whether a command-line argument is meant as a link (and should be parsed rather than ignored). */
    public static boolean isLink(String argument) {
        return argument != null && argument.toLowerCase(Locale.ROOT).startsWith(SCHEME + ":");
    }

    /**
     * Reads a link; percent-escapes in the channel and nickname are decoded.
     *
     * @throws IllegalArgumentException with a sentence a user can read when it is not a usable link
     */
    public static JoinLink parse(String text) {
        if (!isLink(text)) {
            throw new IllegalArgumentException("Not a parley:// link: " + text);
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid parley:// link: " + e.getReason(), e);
        }
        if (uri.getHost() == null) {
            // new URI keeps going with a "registry" authority when the host part is malformed.
            throw new IllegalArgumentException("A parley:// link needs a host, like parley://example.org:7720/General.");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String channel = path.startsWith("/") ? path.substring(1) : path;
        if (channel.endsWith("/")) {
            channel = channel.substring(0, channel.length() - 1);
        }
        String fp = parameter(uri.getRawQuery(), FINGERPRINT_PARAM);
        Fingerprint fingerprint = null;
        if (fp != null) {
            try {
                fingerprint = Fingerprint.parse(fp);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The certificate fingerprint in this parley:// link is damaged"
                        + " (it should be 64 hex digits). Ask the host to copy the invite again.", e);
            }
        }
        return new JoinLink(host, port, channel, uri.getUserInfo(), fingerprint, parameter(uri.getRawQuery(), INVITE_PARAM));
    }

    /** The first value of query parameter {@code wanted}, decoded; null when absent. */
    private static String parameter(String query, String wanted) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (wanted.equals(name)) {
                return URLDecoder.decode(equals < 0 ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public boolean hasChannel() {
        return !channel.isEmpty();
    }

    public boolean hasNickname() {
        return !nickname.isEmpty();
    }

    /** The channel the link names: by name ignoring case, else by id when the name is a number. */
    public Optional<ChannelInfo> channelIn(Collection<ChannelInfo> channels) {
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        Optional<ChannelInfo> byName = channels.stream().filter(c -> c.name().equalsIgnoreCase(channel)).findFirst();
        if (byName.isPresent() || !channel.chars().allMatch(Character::isDigit) || channel.length() > 18) {
            return byName;
        }
        long id = Long.parseLong(channel);
        return channels.stream().filter(c -> c.id() == id).findFirst();
    }

    private String query() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (fingerprint != null) {
            parts.add(FINGERPRINT_PARAM + "=" + fingerprint.toString().replace(":", "").toLowerCase(Locale.ROOT));
        }
        if (invite != null) {
            parts.add(INVITE_PARAM + "=" + invite);
        }
        return parts.isEmpty() ? null : String.join("&", parts);
    }

    /** The link in its canonical form; {@link #parse} reads it back to an equal value. */
    public String toUri() {
        try {
            // This constructor quotes what needs quoting and adds the brackets around an IPv6 host.
            return new URI(SCHEME, nickname.isEmpty() ? null : nickname, host, port,
                    channel.isEmpty() ? null : "/" + channel,
                    query(), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("A valid link could not be written back: " + this, e);
        }
    }
}
