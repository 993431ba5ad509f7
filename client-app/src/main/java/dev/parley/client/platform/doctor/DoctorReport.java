package dev.parley.client.platform.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code parley doctor} found, as sections of plain lines: the text a user pastes when asking for help.
 * Immutable.
 */
public record DoctorReport(List<Section> sections) {

    /** One topic (versions, audio devices, the room ...) and its findings. */
    public record Section(String title, List<String> lines) {
        public Section {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("A report section needs a title.");
            }
            lines = List.copyOf(lines);
        }
    }

    public DoctorReport {
        sections = List.copyOf(sections);
    }

    /** The report as text, one {@code == title} header per section. */
    public String render() {
        StringBuilder text = new StringBuilder("Parley doctor report\n");
        for (Section section : sections) {
            text.append("\n== ").append(section.title()).append('\n');
            for (String line : section.lines()) {
                text.append("  ").append(line).append('\n');
            }
        }
        return text.toString();
    }

    /** Collects sections in order; not thread-safe. */
    static final class Builder {
        private final List<Section> sections = new ArrayList<>();

        Builder add(String title, List<String> lines) {
            sections.add(new Section(title, lines));
            return this;
        }

        DoctorReport build() {
            return new DoctorReport(sections);
        }
    }
}
