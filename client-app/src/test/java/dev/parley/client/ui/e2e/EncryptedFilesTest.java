package dev.parley.client.ui.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.net.Conversation;
import dev.parley.client.ui.files.FileSealing;
import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How an encrypted channel's files read and are sent, without the toolkit: the four states of a file's name,
 * the key that opens its content, and no sealing key (but a passphrase prompt) until the passphrase is given.
 */
class EncryptedFilesTest {
    private static final long VAULT = 7;
    private static final long BOB = 12;
    private static final ChannelE2e EPOCH_1 = new ChannelE2e(1, "c2FsdHNhbHRzYWx0c2FsdA==");
    private static final ChannelKey KEY_1 = ChannelKey.derive(VAULT, EPOCH_1, "tulips in april".toCharArray());
    private static final ChannelKey WRONG_1 = ChannelKey.derive(VAULT, EPOCH_1, "roses in may".toCharArray());
    private static final String SHA = "a".repeat(64);

    private final ChannelKeys keys = new ChannelKeys();
    private final ChannelInfo vault = new ChannelInfo(VAULT, 1L, "Vault", "", 0, false, EPOCH_1);
    private final List<Long> askedFor = new ArrayList<>();
    private final EncryptedFiles files = new EncryptedFiles(id -> id == VAULT ? Optional.of(vault) : Optional.empty(),
            keys, askedFor::add);

    private static ChatMessage withFile(Long channelId, Long toUserId, String name) {
        return new ChatMessage(3, 0, channelId, toUserId, BOB, "bob", "", null, null, false, null, List.of(),
                new FileInfo(SHA, name, 100, "application/octet-stream", null, null, false));
    }

    @Test
    void aSealedFileNameReadsLockedUndecryptableOrOpenedWithTheKeyForItsContent() {
        ChatMessage sealed = withFile(VAULT, null, SealedFile.sealName(KEY_1, BOB, "minutes.pdf"));

        assertThat(files.show(sealed)).isEqualTo(new FileSealing.Shown(EncryptedFiles.LOCKED, null, FileSealing.State.LOCKED));
        keys.put(WRONG_1);
        assertThat(files.show(sealed).state()).isEqualTo(FileSealing.State.UNREADABLE);
        assertThat(files.show(sealed).placeholder()).isTrue();
        keys.put(KEY_1);
        assertThat(files.show(sealed)).isEqualTo(new FileSealing.Shown("minutes.pdf", KEY_1, FileSealing.State.OPENED));
        assertThat(files.show(withFile(VAULT, null, "from-before-encryption.txt")).state())
                .as("a file sent before the channel was encrypted").isEqualTo(FileSealing.State.PLAIN);
        assertThat(files.show(withFile(null, 11L, "dm.txt"))).isEqualTo(new FileSealing.Shown("dm.txt", null,
                FileSealing.State.PLAIN));
    }

    @Test
    void sendingAFileNeedsTheCurrentKeyAndAsksForThePassphraseWithoutIt() {
        assertThat(files.sealingKey(Conversation.channel(1))).as("a plain channel").isEmpty();
        assertThat(files.sealingKey(Conversation.direct(11))).isEmpty();

        assertThatThrownBy(() -> files.sealingKey(Conversation.channel(VAULT)))
                .isInstanceOf(SealedChat.SealingRefused.class).hasMessageContaining("enter its passphrase to send files");
        assertThat(askedFor).containsExactly(VAULT);

        keys.put(KEY_1);
        assertThat(files.sealingKey(Conversation.channel(VAULT))).contains(KEY_1);
    }

    @Test
    void inASharedKeyChannelWithoutItsKeyTheRefusalSaysToAskAMemberNotForAPassphrase() {
        ChannelInfo council = new ChannelInfo(8, 1L, "Council", "", 1, false, new ChannelE2e(3, "c2FsdHNhbHRzYWx0c2FsdA==",
                dev.parley.protocol.control.model.E2eMode.SHARED, List.of(BOB)));
        EncryptedFiles shared = new EncryptedFiles(id -> id == 8 ? Optional.of(council) : Optional.empty(), keys,
                askedFor::add);

        assertThatThrownBy(() -> shared.sealingKey(Conversation.channel(8)))
                .isInstanceOf(SealedChat.SealingRefused.class).hasMessage(SharedMembers.NOT_GIVEN);
    }
}
