package dev.parley.protocol.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.FileInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SealedFileTest {
    private static final ChannelE2e EPOCH_1 = new ChannelE2e(1, "AAAAAAAAAAAAAAAAAAAAAA==");
    private static final ChannelE2e EPOCH_2 = new ChannelE2e(2, "BBBBBBBBBBBBBBBBBBBBBB==");
    private static final ChannelKey KEY = ChannelKey.derive(4, EPOCH_1, "correct horse battery staple".toCharArray());
    private static final ChannelKey OTHER = ChannelKey.derive(4, EPOCH_1, "another passphrase".toCharArray());
    private static final ChannelKey NEXT_EPOCH = ChannelKey.derive(4, EPOCH_2, "correct horse battery staple".toCharArray());
    private static final ChannelKey OTHER_CHANNEL = ChannelKey.derive(5, EPOCH_1, "correct horse battery staple".toCharArray());
    private static final int SEGMENT = SealedFile.SEGMENT_BYTES;
    private static final String NAME = SealedFile.sealName(KEY, 70, "holiday plans.txt");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SealedFile.SEGMENT_BYTES - 1, SealedFile.SEGMENT_BYTES, SealedFile.SEGMENT_BYTES + 1,
            3 * SealedFile.SEGMENT_BYTES + 123})
    void aSealedFileOpensToTheSameBytesAndHasTheAnnouncedSize(int size) throws Exception {
        byte[] plain = random(size);

        byte[] sealed = SealedFile.seal(KEY, 70, NAME, plain);

        assertThat(sealed).hasSize((int) SealedFile.sealedSize(size));
        assertThat(SealedFile.plainSize(sealed.length)).isEqualTo(size);
        assertThat(SealedFile.epochOf(sealed)).contains(1);
        assertThat(SealedFile.open(KEY, 70, NAME, sealed)).isEqualTo(plain);
    }

    @Test
    void theSealedBytesHoldNoPlaintextAndDifferEachTime() {
        byte[] plain = "the secret meeting is at the old mill".repeat(100).getBytes(StandardCharsets.UTF_8);

        byte[] once = SealedFile.seal(KEY, 70, NAME, plain);
        byte[] twice = SealedFile.seal(KEY, 70, NAME, plain);

        assertThat(new String(once, StandardCharsets.ISO_8859_1)).doesNotContain("secret meeting");
        assertThat(once).isNotEqualTo(twice);
    }

    @Test
    void aFileDoesNotOpenWithAnotherPassphraseChannelAuthorOrName() {
        byte[] sealed = SealedFile.seal(KEY, 70, NAME, random(1000));

        assertThatThrownBy(() -> SealedFile.open(OTHER, 70, NAME, sealed)).isInstanceOf(SealedFile.Unreadable.class)
                .hasMessageContaining("does not open with this key");
        assertThatThrownBy(() -> SealedFile.open(OTHER_CHANNEL, 70, NAME, sealed)).isInstanceOf(SealedFile.Unreadable.class);
        assertThatThrownBy(() -> SealedFile.open(KEY, 71, NAME, sealed)).as("another author")
                .isInstanceOf(SealedFile.Unreadable.class);
        String otherName = SealedFile.sealName(KEY, 70, "holiday plans.txt");
        assertThatThrownBy(() -> SealedFile.open(KEY, 70, otherName, sealed)).as("shown under another message's name")
                .isInstanceOf(SealedFile.Unreadable.class);
    }

    @Test
    void aFileSealedUnderAnotherEpochIsRefusedBeforeAnyDecryption() {
        byte[] sealed = SealedFile.seal(NEXT_EPOCH, 70, NAME, random(10));

        assertThat(SealedFile.epochOf(sealed)).contains(2);
        assertThatThrownBy(() -> SealedFile.open(KEY, 70, NAME, sealed)).isInstanceOf(SealedFile.Unreadable.class)
                .hasMessageContaining("epoch 2");
    }

    @Test
    void anAlteredByteAnywhereIsRefused() {
        byte[] sealed = SealedFile.seal(KEY, 70, NAME, random(2 * SEGMENT + 10));
        for (int at : new int[] {5, 9, SealedFile.HEADER_BYTES, SealedFile.HEADER_BYTES + SEGMENT + 3, sealed.length - 1}) {
            byte[] altered = sealed.clone();
            altered[at] ^= 1;

            assertThatThrownBy(() -> SealedFile.open(KEY, 70, NAME, altered)).as("byte %d altered", at)
                    .isInstanceOf(SealedFile.Unreadable.class);
        }
    }

    @Test
    void aFileCutAtASegmentBoundaryOrInsideASegmentIsRefused() {
        byte[] sealed = SealedFile.seal(KEY, 70, NAME, random(2 * SEGMENT + 10));
        int firstTwoSegments = SealedFile.HEADER_BYTES + 2 * (SEGMENT + SealedFile.TAG_BYTES);

        for (int length : new int[] {firstTwoSegments, SealedFile.HEADER_BYTES + SEGMENT + SealedFile.TAG_BYTES,
                sealed.length - 1, SealedFile.HEADER_BYTES + 3, SealedFile.HEADER_BYTES}) {
            byte[] cut = Arrays.copyOf(sealed, length);

            assertThatThrownBy(() -> SealedFile.open(KEY, 70, NAME, cut)).as("cut to %d bytes", length)
                    .isInstanceOf(SealedFile.Unreadable.class);
        }
    }

    @Test
    void swappedSegmentsAreRefused() {
        byte[] sealed = SealedFile.seal(KEY, 70, NAME, random(3 * SEGMENT));
        int segment = SEGMENT + SealedFile.TAG_BYTES;
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, SealedFile.HEADER_BYTES, swapped, SealedFile.HEADER_BYTES + segment, segment);
        System.arraycopy(sealed, SealedFile.HEADER_BYTES + segment, swapped, SealedFile.HEADER_BYTES, segment);

        assertThatThrownBy(() -> SealedFile.open(KEY, 70, NAME, swapped)).isInstanceOf(SealedFile.Unreadable.class);
    }

    @Test
    void aSegmentFromAnotherFileOfTheSameAuthorIsRefused() {
        byte[] one = SealedFile.seal(KEY, 70, NAME, random(2 * SEGMENT));
        byte[] other = SealedFile.seal(KEY, 70, NAME, random(2 * SEGMENT));
        byte[] mixed = one.clone();
        int segment = SEGMENT + SealedFile.TAG_BYTES;
        System.arraycopy(other, SealedFile.HEADER_BYTES + segment, mixed, SealedFile.HEADER_BYTES + segment, segment);

        assertThatThrownBy(() -> SealedFile.open(KEY, 70, NAME, mixed)).isInstanceOf(SealedFile.Unreadable.class);
    }

    @Test
    void openingStopsAtTheFirstBadSegmentSoTheCallerMustDiscardWhatWasWritten() throws Exception {
        byte[] plain = random(2 * SEGMENT + 10);
        byte[] sealed = SealedFile.seal(KEY, 70, NAME, plain);
        sealed[sealed.length - 1] ^= 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> SealedFile.open(KEY, 70, NAME, new java.io.ByteArrayInputStream(sealed), out))
                .isInstanceOf(SealedFile.Unreadable.class).hasMessageContaining("segment 2");
        assertThat(out.size()).as("only checked segments").isEqualTo(2 * SEGMENT);
    }

    @Test
    void bytesWithoutTheHeaderAreNotASealedFile() {
        assertThat(SealedFile.epochOf("%PDF-1.7 and then more than enough".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(SealedFile.epochOf(new byte[] {'P', 'E', '2', 'F', 1, 0, 0})).as("too short").isEmpty();
        assertThat(SealedFile.epochOf(new byte[] {'P', 'E', '2', 'F', 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}))
                .as("another version").isEmpty();
    }

    @Test
    void aSealedNameOpensOnlyForItsAuthorAndKeyAndIsNotChatText() {
        String sealed = SealedFile.sealName(KEY, 70, "plans for the surprise party.pdf");

        assertThat(SealedText.epochOf(sealed)).contains(1);
        assertThat(SealedFile.openName(KEY, 70, sealed)).contains("plans for the surprise party.pdf");
        assertThat(SealedFile.openName(KEY, 71, sealed)).isEmpty();
        assertThat(SealedFile.openName(OTHER, 70, sealed)).isEmpty();
        assertThat(SealedText.open(KEY, 70, sealed)).as("a name is not a chat message").isEmpty();
        assertThat(SealedFile.openName(KEY, 70, SealedText.seal(KEY, 70, "x.txt"))).as("nor the other way").isEmpty();
    }

    @Test
    void aLongNameIsShortenedSoItsSealedFormFitsTheNameFieldAndKeepsItsExtension() {
        String longName = "ü".repeat(200) + ".tar.gz";

        String sealed = SealedFile.sealName(KEY, 70, longName);

        assertThat(sealed.length()).isLessThanOrEqualTo(FileInfo.MAX_NAME);
        String opened = SealedFile.openName(KEY, 70, sealed).orElseThrow();
        assertThat(opened).startsWith("üü").endsWith("….gz");
        assertThat(opened.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SealedFile.MAX_NAME_BYTES);
        assertThat(SealedFile.fitName("short.txt")).isEqualTo("short.txt");
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
