package dev.parley.client.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.net.RequestFailed;
import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.ErrorCode;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What users read when something fails: what happened and what to do, in words. */
class FailuresTest {

    @Test
    void aShortPasswordSaysHowLongItMustBe() {
        Throwable real = Check.invalid("password", "must be at least 8 characters long");

        assertThat(Failures.sentence(new CompletionException(real)))
                .isEqualTo("The password is too short: use at least 8 characters.")
                .doesNotContain("password:");
    }

    @Test
    void aTooLongMessageFromTheCoreSaysTheLimit() {
        RequestFailed failed = new RequestFailed(ErrorCode.INVALID_FIELD, "text: must be at most 4000 characters long (UTF-16 units)");

        assertThat(Failures.sentence(failed)).isEqualTo("The message is too long: keep it to 4000 characters or fewer.");
    }

    @Test
    void aPortInUseSaysWhatToDo() {
        Throwable bind = new UncheckedIOException("cannot bind the voice relay to /0.0.0.0:7720",
                new BindException("Address already in use"));

        String sentence = Failures.sentence(new CompletionException(bind));

        assertThat(sentence).startsWith("Could not start the room: port 7720 is already in use")
                .contains("Choose another port").doesNotContain("Something went wrong").doesNotContain("/0.0.0.0");
    }

    @Test
    void anUnexpectedFailureStillSaysWhatToDo() {
        assertThat(Failures.sentence(new IllegalStateException("boom"))).contains("Try again");
    }

    @Test
    void sentencesThatAreAlreadyPlainStayAsTheyAre() {
        assertThat(Failures.plain("Not connected to the room right now.")).isEqualTo("Not connected to the room right now.");
    }
}
