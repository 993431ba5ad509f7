package dev.parley.server.service;

/**
 * Points logback at the room server's own configuration ({@code logback-server.xml}) before anything logs.
 *
 * <p>Why not a {@code logback.xml}: the installed app puts the server's jar and the desktop app's jar side by
 * side on one class path, and two {@code logback.xml} resources make logback warn at every start and then print
 * its whole internal status (about 25 lines) on the console of {@code parley-server}, in the systemd journal
 * too. The desktop app keeps {@code logback.xml}; the server's entry points call {@link #use()} first.
 */
public final class ServerLogConfig {
    static final String PROPERTY = "logback.configurationFile";
    static final String RESOURCE = "logback-server.xml";

    private ServerLogConfig() {
    }

    /** Must run before the first logger is asked for; a configuration file chosen with -D wins. */
    public static void use() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, RESOURCE);
        }
    }
}
