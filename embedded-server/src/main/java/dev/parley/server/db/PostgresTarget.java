package dev.parley.server.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A PostgreSQL database a room keeps its data in, instead of the H2 file in its data folder.
 * Immutable. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL without credentials in it
 * @param user the role to connect as; null lets the driver use its default (the OS user name)
 * @param password null when the server needs none (trust or peer authentication)
 */
public record PostgresTarget(String jdbcUrl, String user, String password) {
    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    public PostgresTarget {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("not a jdbc:postgresql: URL: " + jdbcUrl);
        }
        if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("the database URL must not hold the password (it would show in `ps`)");
        }
    }

    /**
     * Reads {@code postgresql://user@host:port/db} (also {@code postgres://}) or a
     * {@code jdbc:postgresql:} URL, with the password given separately.
     *
     * @throws IllegalArgumentException with a message fit for the person who typed it
     */
    public static PostgresTarget parse(String url, String password) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.strip();
        if (trimmed.startsWith(JDBC_PREFIX)) {
            return new PostgresTarget(trimmed, null, password);
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("postgresql://") && !lower.startsWith("postgres://")) {
            throw new IllegalArgumentException("'" + url + "' is not a PostgreSQL URL: give postgresql://USER@HOST:PORT/DATABASE "
                    + "or a jdbc:postgresql: URL");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid URL: " + e.getMessage(), e);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("the database URL must not hold the password (it would show in `ps`): "
                    + "give it in --database-password-file or PARLEY_DATABASE_PASSWORD");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' names no host: give postgresql://USER@HOST:PORT/DATABASE");
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (database.isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' names no database: give postgresql://USER@HOST:PORT/DATABASE");
        }
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        String jdbc = JDBC_PREFIX + "//" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String user = userInfo == null || userInfo.isEmpty() ? null : java.net.URLDecoder.decode(userInfo,
                java.nio.charset.StandardCharsets.UTF_8);
        return new PostgresTarget(jdbc, user, password);
    }

    /** The same database with another password (e.g. read from a file after the URL). */
    public PostgresTarget withPassword(String value) {
        return new PostgresTarget(jdbcUrl, user, value);
    }

    /** Where it is, for logs and messages: URL and user, never the password. */
    public String describe() {
        return jdbcUrl + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return "PostgresTarget[" + describe() + (password == null ? "" : ", password ***") + "]";
    }
}
