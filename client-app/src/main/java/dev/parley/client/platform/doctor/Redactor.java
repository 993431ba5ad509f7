package dev.parley.client.platform.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last guard before the report is shown: removes anything that looks like a secret even if a check
 * let it slip (passwords and tokens in URLs or {@code key=value} text, long hex or base64 runs, the known
 * secrets of this data folder), and writes the home folder as {@code ~}. Immutable, thread-safe.
 */
final class Redactor {
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|token|secret|key|code)(\\s*[=:]\\s*)(\\S+)");
    private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/@:\\s]+):[^@/\\s]+@");
    private static final Pattern LONG_SECRET_RUN = Pattern.compile("(?<![A-Za-z0-9+_])(?=[A-Za-z0-9+_]*\\d)(?=[A-Za-z0-9+_]*[A-Za-z])[A-Za-z0-9+_]{32,}={0,2}");
    private final List<String> known;
    private final String home;

    /** @param known exact secrets to remove wherever they appear (shorter than 6 characters are ignored) */
    Redactor(List<String> known, String home) {
        List<String> kept = new ArrayList<>();
        for (String secret : known) {
            if (secret != null && secret.length() >= 6) {
                kept.add(secret);
            }
        }
        this.known = List.copyOf(kept);
        this.home = home == null || home.length() < 2 ? null : home;
    }

    String clean(String line) {
        String text = line;
        for (String secret : known) {
            text = text.replace(secret, "[redacted]");
        }
        text = URL_PASSWORD.matcher(text).replaceAll("$1:[redacted]@");
        text = KEY_VALUE.matcher(text).replaceAll("$1$2[redacted]");
        // Fingerprints are public and meant to be compared: they are printed grouped with colons, which this skips.
        text = LONG_SECRET_RUN.matcher(text).replaceAll("[redacted]");
        if (home != null) {
            text = text.replace(home, "~");
        }
        return text;
    }

    DoctorReport clean(DoctorReport report) {
        List<DoctorReport.Section> sections = new ArrayList<>();
        for (DoctorReport.Section section : report.sections()) {
            sections.add(new DoctorReport.Section(clean(section.title()), section.lines().stream().map(this::clean).toList()));
        }
        return new DoctorReport(sections);
    }
}
