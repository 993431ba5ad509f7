package dev.parley.client.ui.fx;

import dev.parley.client.core.ClientException;
import dev.parley.protocol.control.ProtocolException;
import dev.parley.server.ServerException;
import java.net.BindException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failure from the core into the short sentence a user sees: what happened and what to do,
 * never a field name or an exception class.
 */
public final class Failures {
    /** "password: must be at least 8 characters long", as the protocol's validation words it. */
    private static final Pattern FIELD_RULE = Pattern.compile("^([a-zA-Z]+): (.+)$");
    private static final Pattern AT_LEAST = Pattern.compile("must be at least (\\d+) characters long.*");
    private static final Pattern AT_MOST = Pattern.compile("must be at most (\\d+) characters long.*");
    private static final Pattern PORT = Pattern.compile(":(\\d{1,5})\\b");
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("password", "password"), Map.entry("serverPassword", "room password"),
            Map.entry("username", "name"), Map.entry("nickname", "nickname"), Map.entry("name", "name"),
            Map.entry("text", "message"), Map.entry("reason", "reason"), Map.entry("description", "description"),
            Map.entry("emoji", "reaction"), Map.entry("userId", "person"), Map.entry("channelId", "channel"));

    private Failures() {
    }

    public static String sentence(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String portInUse = portInUse(cause);
        if (portInUse != null) {
            return portInUse;
        }
        if ((cause instanceof ClientException || cause instanceof ProtocolException || cause instanceof ServerException
                || cause instanceof IllegalArgumentException) && cause.getMessage() != null) {
            return plain(cause.getMessage());
        }
        return "That did not work (" + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName())
                + "). Try again; if it keeps happening, restart Parley.";
    }

    /** Rewrites a validation message ("field: rule") as a sentence; other text is kept as it is. */
    public static String plain(String message) {
        Matcher rule = FIELD_RULE.matcher(message.strip());
        if (!rule.matches() || !FIELDS.containsKey(rule.group(1))) {
            return message;
        }
        String what = FIELDS.get(rule.group(1));
        String how = rule.group(2);
        Matcher atLeast = AT_LEAST.matcher(how);
        Matcher atMost = AT_MOST.matcher(how);
        if (atLeast.matches()) {
            return "The " + what + " is too short: use at least " + atLeast.group(1) + " characters.";
        }
        if (atMost.matches()) {
            return "The " + what + " is too long: keep it to " + atMost.group(1) + " characters or fewer.";
        }
        if (how.startsWith("must not be blank")) {
            return "The " + what + " is empty: type something first.";
        }
        if (how.startsWith("must not start or end with spaces")) {
            return "The " + what + " can't start or end with a space: remove it and try again.";
        }
        if (how.startsWith("must be on one line") || how.startsWith("must not contain control characters")) {
            return "The " + what + " can't contain line breaks or control characters: remove them and try again.";
        }
        if (how.startsWith("must be a positive id") && "person".equals(what)) {
            return "Guests can't receive direct messages: write in a channel instead.";
        }
        return capitalize("the " + what + " " + how.toLowerCase(Locale.ROOT)) + ".";
    }

    /** A room that could not listen: almost always another program (or Parley) on the same port. */
    private static String portInUse(Throwable cause) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            boolean bind = at instanceof BindException
                    || (at.getMessage() != null && at.getMessage().toLowerCase(Locale.ROOT).contains("cannot bind"));
            if (bind) {
                Matcher port = PORT.matcher(String.valueOf(cause.getMessage()) + " " + at.getMessage());
                String which = port.find() ? "port " + port.group(1) : "that port";
                return "Could not start the room: " + which + " is already in use, probably by another room or program."
                        + " Choose another port, or stop the other one and try again.";
            }
        }
        return null;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
