package dev.parley.client.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.model.ChatMessage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatLinesTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final long ME = 1;

    private static ChatMessage message(long id, ZonedDateTime at, long author, String text, Long replyTo) {
        return new ChatMessage(id, at.toInstant().toEpochMilli(), 10L, null, author, author == ME ? "ann" : "bob", text,
                replyTo, null, false, null, List.of());
    }

    @Test
    void aDaySeparatorPrecedesTheFirstMessageOfEachDay() {
        ZonedDateTime monday = ZonedDateTime.of(2026, 3, 2, 23, 50, 0, 0, UTC);
        List<ChatLine> lines = ChatLines.build(List.of(
                message(1, monday, 2, "late", null),
                message(2, monday.plusMinutes(5), 2, "still monday", null),
                message(3, monday.plusMinutes(15), 2, "tuesday now", null)), List.of(), ME, "ann", UTC);

        assertThat(lines).extracting(line -> line.getClass().getSimpleName())
                .containsExactly("Day", "Message", "Message", "Day", "Message");
        assertThat(((ChatLine.Day) lines.get(3)).date()).isEqualTo(LocalDate.of(2026, 3, 3));
    }

    @Test
    void daysFollowTheViewersTimeZone() {
        ZonedDateTime utcLate = ZonedDateTime.of(2026, 3, 2, 23, 30, 0, 0, UTC);
        List<ChatLine> lines = ChatLines.build(List.of(message(1, utcLate, 2, "hi", null)), List.of(), ME, "ann",
                ZoneId.of("Europe/Berlin"));

        assertThat(((ChatLine.Day) lines.get(0)).date()).isEqualTo(LocalDate.of(2026, 3, 3));
    }

    @Test
    void aMentionOfMeByAnotherIsHighlightedButMyOwnIsNot() {
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 2, 12, 0, 0, 0, UTC);
        List<ChatLine> lines = ChatLines.build(List.of(
                message(1, now, 2, "@Ann are you there?", null),
                message(2, now, ME, "talking to myself @ann", null)), List.of(), ME, "ann", UTC);

        assertThat(((ChatLine.Message) lines.get(1)).mentionsMe()).isTrue();
        assertThat(((ChatLine.Message) lines.get(2)).mentionsMe()).isFalse();
        assertThat(((ChatLine.Message) lines.get(2)).mine()).isTrue();
    }

    @Test
    void mentionsMatchWholeNamesOnly() {
        assertThat(ChatLines.mentions("hey @ann!", "ann")).isTrue();
        assertThat(ChatLines.mentions("@annabel hi", "ann")).isFalse();
        assertThat(ChatLines.mentions("mail ann@example.org", "ann")).isFalse();
        assertThat(ChatLines.mentions("@ann.", "ann")).isFalse();
        assertThat(ChatLines.mentions("anything", "")).isFalse();
    }

    @Test
    void aReplyShowsAPreviewOfTheMessageItAnswers() {
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 2, 12, 0, 0, 0, UTC);
        List<ChatLine> lines = ChatLines.build(List.of(
                message(1, now, 2, "who is in for a round?", null),
                message(2, now, ME, "me", 1L)), List.of(), ME, "ann", UTC);

        assertThat(((ChatLine.Message) lines.get(2)).replyPreview()).isEqualTo("bob: who is in for a round?");
    }

    @Test
    void dayLabelsSayTodayAndYesterday() {
        LocalDate today = LocalDate.of(2026, 3, 3);
        assertThat(ChatLines.dayLabel(today, today)).isEqualTo("Today");
        assertThat(ChatLines.dayLabel(today.minusDays(1), today)).isEqualTo("Yesterday");
        assertThat(ChatLines.dayLabel(today.minusDays(2), today)).contains("2026");
    }

    /** Issue 12: a run of one author's messages shows one header; a new author, a long pause, a day or a reply starts one. */
    @Test
    void aRunOfOneAuthorsMessagesContinuesUntilAnotherAuthorAPauseADayOrAReply() {
        ZonedDateTime evening = ZonedDateTime.of(2026, 3, 2, 23, 40, 0, 0, UTC);
        List<ChatLine> lines = ChatLines.build(List.of(
                message(1, evening, 2, "hi", null),
                message(2, evening.plusMinutes(1), 2, "still me", null),
                message(3, evening.plusMinutes(6), 2, "five minutes on", null),
                message(4, evening.plusMinutes(12), 2, "after a pause", null),
                message(5, evening.plusMinutes(13), ME, "hello bob", null),
                message(6, evening.plusMinutes(14), 2, "hey", null),
                message(7, evening.plusMinutes(15), 2, "answering", 5L),
                message(8, evening.plusMinutes(21), 2, "past midnight", null)), List.of(), ME, "ann", UTC);

        assertThat(lines.stream().filter(ChatLine.Message.class::isInstance).map(ChatLine.Message.class::cast)
                .map(line -> line.message().text() + "=" + line.continued()))
                .containsExactly("hi=false", "still me=true", "five minutes on=true", "after a pause=false",
                        "hello bob=false", "hey=false", "answering=false", "past midnight=false");
    }
}
