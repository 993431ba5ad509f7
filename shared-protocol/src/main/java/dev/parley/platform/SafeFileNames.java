package dev.parley.platform;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * File names every OS Parley runs on accepts. Windows is the strict one: no {@code < > : " / \ | ? *} or
 * control characters, no trailing dot or space, and none of the device names ({@code CON}, {@code NUL},
 * {@code COM1}, ...) even with an extension ({@code nul.txt} is the NUL device too). Pure.
 */
public final class SafeFileNames {
    /** Long enough for any room name's slug, short enough to keep Windows' 260-character paths in reach. */
    public static final int MAX_LENGTH = 64;
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
            "com¹", "com²", "com³", "lpt¹", "lpt²", "lpt³", "conin$", "conout$");
    private static final Pattern FORBIDDEN = Pattern.compile("[<>:\"/\\\\|?*\\x00-\\x1f]");

    private SafeFileNames() {
    }

    /** Whether Windows, macOS and Linux all accept this as one file or folder name. */
    public static boolean isPortable(String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.equals(".") || name.equals("..")) {
            return false;
        }
        if (FORBIDDEN.matcher(name).find() || name.endsWith(".") || name.endsWith(" ")) {
            return false;
        }
        return !isDeviceName(name);
    }

    /** Whether Windows reads this name (with or without an extension) as a device. */
    public static boolean isDeviceName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        String stem = (dot < 0 ? lower : lower.substring(0, dot)).stripTrailing();
        return DEVICES.contains(stem);
    }

    /**
     * A portable name made from any text (a room name): letters and digits kept, runs of anything else
     * become one {@code -}, lower case, at most {@link #MAX_LENGTH} characters; a device name gets
     * {@code -room} appended; {@code fallback} when nothing is left.
     */
    public static String slug(String text, String fallback) {
        String slug = text == null ? "" : text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > MAX_LENGTH) {
            // Never cut a character outside the BMP in half.
            int end = Character.isHighSurrogate(slug.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            slug = slug.substring(0, end).replaceAll("-$", "");
        }
        if (slug.isEmpty()) {
            return fallback;
        }
        return isDeviceName(slug) ? slug + "-room" : slug;
    }
}
