package dev.parley.client.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recordings on disk as the Recordings window lists them. */
class RecordingLibraryTest {
    @TempDir
    Path root;

    @Test
    void newestFirstMixFirstAndOnlyFinishedFiles() throws IOException {
        ToneRecording.write(root.resolve("2026-11-30_09-00-00").resolve("bob-3.opus"), 0.2, 0.2);
        Path newest = root.resolve("2026-12-01_18-30-05");
        ToneRecording.write(newest.resolve("zoe-9.opus"), 0.2, 0.8);
        ToneRecording.write(newest.resolve("ann-marie-17.opus"), 0.2, 0.8);
        ToneRecording.write(newest.resolve(RecordingLibrary.MIX_FILE), 0.2, 0.8);
        // Still being recorded: neither the file nor its otherwise empty folder lists.
        Files.createDirectories(root.resolve("2026-12-02_08-00-00"));
        Files.write(root.resolve("2026-12-02_08-00-00").resolve("session-4.opus.part"), new byte[100]);
        Files.writeString(newest.resolve("notes.txt"), "not audio");

        List<RecordingLibrary.Folder> folders = RecordingLibrary.list(root);

        assertThat(folders).extracting(RecordingLibrary.Folder::startedAt).containsExactly(
                LocalDateTime.of(2026, 12, 1, 18, 30, 5), LocalDateTime.of(2026, 11, 30, 9, 0, 0));
        RecordingLibrary.Folder recording = folders.get(0);
        assertThat(recording.tracks()).extracting(RecordingLibrary.Track::speaker)
                .containsExactly("Everyone (mix)", "ann-marie", "zoe");
        assertThat(recording.defaultTrack().isMix()).isTrue();
        assertThat(recording.durationSamples()).isEqualTo(50 * ToneRecording.FRAME - OggOpusWriter.PRE_SKIP);
    }

    @Test
    void withoutAMixTheFirstSpeakerPlaysAndAFolderOfAnyNameLists() throws IOException {
        ToneRecording.write(root.resolve("meeting").resolve("bob-3.opus"), 0.2, 0.2);
        ToneRecording.write(root.resolve("meeting").resolve("ann-2.opus"), 0.2, 0.2);

        RecordingLibrary.Folder recording = RecordingLibrary.list(root).get(0);

        assertThat(recording.defaultTrack().speaker()).isEqualTo("ann");
        assertThat(RecordingLibrary.list(root.resolve("missing"))).isEmpty();
    }

    @Test
    void aTruncatedFileListsAsUnreadable() throws IOException {
        Path file = ToneRecording.write(root.resolve("2026-12-01_18-30-05").resolve("ann-1.opus"), 0.5, 0.5);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 10));

        assertThat(RecordingLibrary.list(root).get(0).tracks().get(0).durationSamples()).isEqualTo(-1);
    }

    @Test
    void aCallRecordingIsNamedForThePeerAndListsInTimeAmongTheChannelRecordings() throws IOException {
        LocalDateTime started = LocalDateTime.of(2026, 12, 2, 10, 22, 5);
        String name = RecordingLibrary.callFolderName("Bob Smith", started);
        ToneRecording.write(root.resolve(name).resolve("ann-1.opus"), 0.2, 0.2);
        ToneRecording.write(root.resolve("2026-12-01_18-30-05").resolve("zoe-9.opus"), 0.2, 0.2);

        List<RecordingLibrary.Folder> folders = RecordingLibrary.list(root);

        assertThat(name).isEqualTo("call-with-bob-smith-2026-12-02_10-22-05");
        assertThat(folders).extracting(RecordingLibrary.Folder::startedAt)
                .containsExactly(started, LocalDateTime.of(2026, 12, 1, 18, 30, 5));
        assertThat(folders.get(0).callPeer()).contains("bob-smith");
        assertThat(folders.get(1).callPeer()).as("a channel recording").isEmpty();
    }
}
