package dev.parley.client.ui.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.net.Conversation;
import dev.parley.client.ui.chat.ChatSealing;
import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.E2eMode;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How an encrypted channel's chat reads and what is sent there, without the toolkit: the four display states,
 * sealing with the current epoch only, refusing what would not fit, and a new epoch (old messages still open,
 * nothing sent with the old key until the new passphrase is given).
 */
class EncryptedChatTest {
    private static final long VAULT = 7;
    private static final long ANN = 11;
    private static final long BOB = 12;
    private static final ChannelE2e EPOCH_1 = new ChannelE2e(1, "c2FsdHNhbHRzYWx0c2FsdA==");
    private static final ChannelE2e EPOCH_2 = new ChannelE2e(2, "b3RoZXJvdGhlcm90aGVyIQ==");
    private static final ChannelKey KEY_1 = ChannelKey.derive(VAULT, EPOCH_1, "tulips in april".toCharArray());
    private static final ChannelKey WRONG_1 = ChannelKey.derive(VAULT, EPOCH_1, "roses in may".toCharArray());
    private static final ChannelKey KEY_2 = ChannelKey.derive(VAULT, EPOCH_2, "daffodils in march".toCharArray());

    private final ChannelKeys keys = new ChannelKeys();
    private ChannelInfo vault = channel(EPOCH_1);
    private final List<Long> askedFor = new ArrayList<>();
    private final EncryptedChat chat = new EncryptedChat(id -> id == VAULT ? Optional.of(vault) : Optional.empty(),
            keys, askedFor::add);

    private static ChannelInfo channel(ChannelE2e e2e) {
        return new ChannelInfo(VAULT, 1L, "Vault", "", 0, false, e2e);
    }

    @Test
    void messagesReadAsPlaintextLockedOrUndecryptable() {
        String sealed = SealedText.seal(KEY_1, BOB, "meet at the bridge");

        assertThat(chat.incoming(VAULT, BOB, sealed)).isEqualTo(new ChatSealing.Shown(SealedChat.LOCKED, true));
        assertThat(SealedChat.LOCKED).isEqualTo("🔒 Encrypted message — you have no key for this channel");

        keys.put(WRONG_1);
        assertThat(chat.incoming(VAULT, BOB, sealed)).isEqualTo(new ChatSealing.Shown(SealedChat.UNREADABLE, true));
        assertThat(SealedChat.UNREADABLE).isEqualTo("🔒 Could not decrypt (a different passphrase, or a key you were not given)");

        keys.put(KEY_1);
        assertThat(chat.incoming(VAULT, BOB, sealed)).isEqualTo(new ChatSealing.Shown("meet at the bridge", false));
        assertThat(chat.incoming(VAULT, ANN, sealed)).as("the author is bound: another author does not open it")
                .isEqualTo(new ChatSealing.Shown(SealedChat.UNREADABLE, true));
        assertThat(chat.incoming(VAULT, BOB, "written before the channel was encrypted"))
                .isEqualTo(new ChatSealing.Shown("written before the channel was encrypted", false));
        assertThat(chat.incoming(null, BOB, sealed)).as("direct messages are never opened")
                .isEqualTo(new ChatSealing.Shown(sealed, false));
    }

    @Test
    void writingSealsWithTheCurrentKeyAndRefusesWithoutOne() {
        Conversation here = Conversation.channel(VAULT);
        assertThat(chat.encrypted(here)).isTrue();
        assertThat(chat.encrypted(Conversation.channel(1))).isFalse();
        assertThat(chat.outgoing(Conversation.channel(1), ANN, "plain lobby")).isEqualTo("plain lobby");

        assertThatThrownBy(() -> chat.outgoing(here, ANN, "hello")).isInstanceOf(SealedChat.SealingRefused.class)
                .hasMessageContaining("enter its passphrase");
        assertThat(askedFor).containsExactly(VAULT);

        keys.put(KEY_1);
        String wire = chat.outgoing(here, ANN, "hello");
        assertThat(wire).startsWith(SealedText.PREFIX).doesNotContain("hello");
        assertThat(SealedText.open(KEY_1, ANN, wire)).contains("hello");
    }

    @Test
    void textThatWouldNotFitOnceSealedIsRefusedWithTheLimit() {
        keys.put(KEY_1);
        Conversation here = Conversation.channel(VAULT);
        String fits = "a".repeat(SealedChat.MAX_PLAINTEXT_BYTES);
        assertThat(chat.outgoing(here, ANN, fits).length()).isLessThanOrEqualTo(dev.parley.protocol.control.Limits.MAX_MESSAGE_TEXT);
        String tooLong = "é".repeat(SealedChat.MAX_PLAINTEXT_BYTES / 2 + 1);
        assertThatThrownBy(() -> chat.outgoing(here, ANN, tooLong)).isInstanceOf(SealedChat.SealingRefused.class)
                .hasMessageStartingWith("Too long for an encrypted channel: keep it to " + SealedChat.MAX_PLAINTEXT_BYTES
                        + " bytes");
    }

    @Test
    void aNewEpochStopsTheOldKeyFromSendingButOldMessagesStillOpen() {
        keys.put(KEY_1);
        String old = SealedText.seal(KEY_1, BOB, "before the change");
        vault = channel(EPOCH_2); // channel.updated brought epoch 2
        Conversation here = Conversation.channel(VAULT);

        assertThat(keys.current(vault)).isEmpty();
        assertThatThrownBy(() -> chat.outgoing(here, ANN, "still there?")).isInstanceOf(SealedChat.SealingRefused.class)
                .hasMessageContaining("key changed");
        assertThat(askedFor).containsExactly(VAULT);
        assertThat(chat.incoming(VAULT, BOB, old).text()).isEqualTo("before the change");
        String newer = SealedText.seal(KEY_2, BOB, "after the change");
        assertThat(chat.incoming(VAULT, BOB, newer)).isEqualTo(new ChatSealing.Shown(SealedChat.UNREADABLE, true));

        keys.put(KEY_2);
        assertThat(chat.incoming(VAULT, BOB, newer).text()).isEqualTo("after the change");
        assertThat(SealedText.epochOf(chat.outgoing(here, ANN, "back"))).contains(2);
        assertThat(keys.current(vault)).contains(KEY_2);
        assertThat(keys.get(VAULT, 1)).contains(KEY_1);
    }

    @Test
    void aSharedKeyChannelWithoutItsKeySaysIWasNotGivenItInsteadOfAskingForAPassphrase() {
        byte[] random = new byte[32];
        ChannelKey shared1 = ChannelKey.fromShared(VAULT, 1, random);
        vault = channel(new ChannelE2e(2, "b3RoZXJvdGhlcm90aGVyIQ==", E2eMode.SHARED, List.of(ANN)));
        keys.put(shared1); // bob was a member at epoch 1 and was left out of epoch 2
        String before = SealedText.seal(shared1, ANN, "written while bob was in");
        String after = SealedText.seal(ChannelKey.fromShared(VAULT, 2, new byte[32]), ANN, "written after");

        assertThat(chat.incoming(VAULT, ANN, before)).isEqualTo(new ChatSealing.Shown("written while bob was in", false));
        assertThat(chat.incoming(VAULT, ANN, after)).isEqualTo(new ChatSealing.Shown(SealedChat.NOT_GIVEN, true));
        assertThat(SealedChat.NOT_GIVEN).isEqualTo("🔒 You were not given this channel's key; ask a member to add you.");
        assertThatThrownBy(() -> chat.outgoing(Conversation.channel(VAULT), BOB, "let me in"))
                .isInstanceOf(SealedChat.SealingRefused.class).hasMessageContaining("ask a member to add you")
                .hasMessageNotContaining("passphrase");
        assertThat(askedFor).as("told, so the keys are fetched again").containsExactly(VAULT);
    }
}
