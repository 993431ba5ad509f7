package dev.parley.protocol.control;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Validation used by message constructors; every failure is an {@link ErrorCode#INVALID_FIELD}. */
public final class Check {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private Check() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw invalid(field, "is required");
        }
        return value;
    }

    /**
     * Required text of {@code min}..{@code max} UTF-16 code units (what Java's and JavaScript's
     * {@code length} count; an emoji outside the BMP counts as two), the unit databases store.
     */
    public static String text(String value, String field, int min, int max) {
        required(value, field);
        int length = value.length();
        if (value.isBlank() && min > 0) {
            throw invalid(field, "must not be blank");
        }
        if (length < min) {
            throw invalid(field, "must be at least " + min + " characters long");
        }
        if (length > max) {
            throw invalid(field, "must be at most " + max + " characters long (UTF-16 units)");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            throw invalid(field, "must not contain control characters");
        }
        return value;
    }

    public static String optionalText(String value, String field, int max) {
        return value == null ? null : text(value, field, 0, max);
    }

    /** Like {@link #text} but on one line (names, nicknames, nonces). */
    public static String line(String value, String field, int min, int max) {
        text(value, field, min, max);
        if (value.indexOf('\n') >= 0 || value.indexOf('\t') >= 0) {
            throw invalid(field, "must be on one line");
        }
        if (!value.strip().equals(value)) {
            throw invalid(field, "must not start or end with spaces");
        }
        return value;
    }

    public static String optionalLine(String value, String field, int max) {
        return value == null ? null : line(value, field, 1, max);
    }

    /**
     * A name people see (a guest's nickname): {@link #line} rules on its NFC form, and none of the
     * characters that make one name look like another or hide text: bidirectional controls, zero-width
     * and other format characters, spaces other than U+0020, invisible fillers, private-use, unassigned
     * and lone surrogate code points. Returns the NFC form, which is what gets stored and shown.
     */
    public static String displayName(String value, String field, int min, int max) {
        required(value, field);
        String normal = Normalizer.normalize(value, Normalizer.Form.NFC);
        line(normal, field, min, max);
        if (normal.codePoints().anyMatch(Check::isInvisibleOrFormat)) {
            throw invalid(field, "must not contain invisible, formatting or bidirectional control characters");
        }
        return normal;
    }

    static boolean isInvisibleOrFormat(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.FORMAT, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.CONTROL:
                return true;
            case Character.SPACE_SEPARATOR:
                return codePoint != ' ';
            default:
                break;
        }
        return switch (codePoint) {
            // Letters and marks that render as nothing: Hangul fillers, braille blank, the combining
            // grapheme joiner, Mongolian free variation selectors, variation selectors (except the two
            // emoji ones, U+FE0E and U+FE0F, which "❤️" needs).
            case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F -> true;
            default -> (codePoint >= 0xFE00 && codePoint <= 0xFE0D) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);
        };
    }

    public static String username(String value, String field) {
        line(value, field, Limits.MIN_USERNAME, Limits.MAX_USERNAME);
        if (!USERNAME.matcher(value).matches()) {
            throw invalid(field, "may contain only letters, digits, '_', '.' and '-'");
        }
        return value;
    }

    public static long positive(Long value, String field) {
        required(value, field);
        if (value <= 0) {
            throw invalid(field, "must be a positive id");
        }
        return value;
    }

    public static Long optionalPositive(Long value, String field) {
        return value == null ? null : positive(value, field);
    }

    public static int range(Integer value, String field, int min, int max) {
        required(value, field);
        if (value < min || value > max) {
            throw invalid(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** Exactly one of a channel and a direct-message peer names a conversation. */
    public static void oneConversation(Long channelId, Long userId) {
        if ((channelId == null) == (userId == null)) {
            throw invalid("channelId", "give exactly one of channelId and userId");
        }
    }

    public static ProtocolException invalid(String field, String message) {
        return new ProtocolException(ErrorCode.INVALID_FIELD, field, message);
    }
}
