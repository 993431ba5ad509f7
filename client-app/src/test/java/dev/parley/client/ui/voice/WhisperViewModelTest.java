package dev.parley.client.ui.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.ClientException;
import dev.parley.client.ui.fx.UiThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The whisper key's decisions in the order a slow room can answer them, without the toolkit. The room's
 * answers are futures the test completes itself (the real room's answers are in {@code WhisperUiTest}).
 */
class WhisperViewModelTest {
    private static final WhisperTarget BOB = WhisperTarget.people(List.of(7L), List.of("bob"));

    private final RoomAnswers voice = new RoomAnswers();
    private boolean muted;
    private final WhisperViewModel whisper = new WhisperViewModel(voice, UiThread.direct(), () -> muted);

    @Test
    void talkStartsOnlyOnceTheRoomTookTheTarget() {
        whisper.useSelection(() -> Optional.of(BOB));

        whisper.setPressed(true);
        assertThat(voice.whisperKey).as("not before the room answered").isEmpty();

        voice.answers.get(0).complete(null);

        assertThat(voice.whisperKey).containsExactly(true);
        assertThat(whisper.statusProperty().get()).isEqualTo("Whispering to bob");
        assertThat(whisper.whisperingProperty().get()).isTrue();
    }

    @Test
    void aKeyLetGoBeforeTheRoomAnsweredSendsNothingAndTheNextPressStartsAtOnce() {
        whisper.useSelection(() -> Optional.of(BOB));
        whisper.setPressed(true);
        whisper.setPressed(false);

        voice.answers.get(0).complete(null);

        assertThat(voice.whisperKey).containsExactly(false);
        assertThat(whisper.statusProperty().get()).isEmpty();

        whisper.setPressed(true);

        assertThat(voice.registrations).as("the same people: registered once").hasSize(1);
        assertThat(voice.whisperKey).containsExactly(false, true);
    }

    @Test
    void theKeysAutoRepeatRegistersTheTargetOnce() {
        whisper.useSelection(() -> Optional.of(BOB));

        whisper.setPressed(true);
        whisper.setPressed(true);
        whisper.setPressed(true);

        assertThat(voice.registrations).hasSize(1);
    }

    @Test
    void aRefusedTargetIsForgottenAndTheRoomsReasonShown() {
        whisper.useSelection(() -> Optional.of(BOB));
        whisper.setPressed(true);

        voice.answers.get(0).completeExceptionally(new ClientException("bob accepts whispers from friends only."));

        assertThat(whisper.statusProperty().get()).isEqualTo("bob accepts whispers from friends only.");
        assertThat(whisper.problemProperty().get()).isTrue();
        assertThat(whisper.whisperingProperty().get()).isFalse();
        assertThat(voice.whisperKey).doesNotContain(true);
        assertThat(voice.registrations.get(voice.registrations.size() - 1)).as("cleared").isEqualTo(List.of());
    }

    @Test
    void nothingSelectedOrMutedSaysWhatToDoAndRegistersNothing() {
        whisper.setPressed(true);
        assertThat(whisper.statusProperty().get()).isEqualTo(WhisperViewModel.NOTHING_SELECTED);
        whisper.setPressed(false);

        whisper.useSelection(() -> Optional.of(BOB));
        muted = true;
        whisper.setPressed(true);
        assertThat(whisper.statusProperty().get()).isEqualTo(WhisperViewModel.MUTED);

        assertThat(voice.registrations).isEmpty();
        assertThat(voice.whisperKey).doesNotContain(true);
    }

    @Test
    void labelsNameOnePersonCountSeveralAndShoutToAChannel() {
        assertThat(BOB.speaking()).isEqualTo("Whispering to bob");
        assertThat(WhisperTarget.people(List.of(1L, 2L, 3L), List.of("a", "b", "c")).speaking())
                .isEqualTo("Whispering to 3 people");
        assertThat(WhisperTarget.channel(4, "Games").speaking()).isEqualTo("Shouting to #Games");
    }

    /** Voice whose room answers when the test says so; records the whisper calls. */
    private static final class RoomAnswers extends QuietVoiceControls {
        final List<CompletableFuture<Object>> answers = new ArrayList<>();
        final List<List<Long>> registrations = new ArrayList<>();
        final List<Boolean> whisperKey = new ArrayList<>();

        @Override
        public CompletableFuture<?> setWhisperTarget(int target, List<Long> userIds, Long channelId, boolean children) {
            registrations.add(userIds);
            CompletableFuture<Object> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        @Override
        public void setWhisper(int target, boolean pressed) {
            whisperKey.add(pressed);
        }
    }
}
