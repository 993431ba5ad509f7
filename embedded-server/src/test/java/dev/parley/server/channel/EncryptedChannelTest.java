package dev.parley.server.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedText;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.DataFolderScan;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end encrypted channels against a real room: the server keeps only sealed text and public salts. */
@Timeout(60)
class EncryptedChannelTest {
    private static final String SECRET = "the eagle lands at midnight";
    private static final String PLAIN = "pancakes are served at nine";
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path data;

    @Test
    void anEncryptedChannelStoresOnlySealedTextAndHandsItOutAsItCame() throws Exception {
        assumeFalse(TestDatabases.postgres(), "reads the H2 files of the room");
        ParleyServer server = Rooms.start(data);
        long vault;
        try (SignedIn admin = Rooms.register(server, "admin"); SignedIn bob = Rooms.register(server, "bob")) {
            vault = admin.client().expect(new Channels.Create(null, "Vault", null, null, null), Channels.Created.class)
                    .channel().id();
            bob.client().expectError(new Channels.Rekey(vault), ErrorCode.FORBIDDEN);
            admin.client().expect(new Channels.Rekey(vault), Ok.class);
            ChannelInfo encrypted = bob.client().awaitEvent(Channels.Updated.class,
                    e -> e.channel().id() == vault && e.channel().endToEnd()).channel();
            assertThat(encrypted.e2e().epoch()).isEqualTo(1);
            bob.client().expect(new Channels.Join(vault, null), Ok.class);
            admin.client().expect(new Channels.Join(vault, null), Ok.class);
            ChannelKey key = ChannelKey.derive(vault, encrypted.e2e(), PASSPHRASE);

            bob.client().expectError(new Chat.Send(vault, null, SECRET, "n1", null), ErrorCode.INVALID_FIELD);
            String sealed = SealedText.seal(key, bob.id(), SECRET);
            Chat.Sent sent = bob.client().expect(new Chat.Send(vault, null, sealed, "n2", null), Chat.Sent.class);
            Chat.Posted seen = admin.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == sent.message().id());
            assertThat(seen.message().text()).isEqualTo(sealed);
            assertThat(SealedText.open(key, seen.message().authorId(), seen.message().text())).contains(SECRET);
            assertThat(SealedText.open(key, admin.id(), seen.message().text())).as("under another author").isEmpty();
            bob.client().expectError(new dev.parley.protocol.control.message.Files.UploadStart(vault, null, "notes.txt", 10L, null, "f1"), ErrorCode.INVALID_FIELD);
            bob.client().expect(new Chat.Send(1L, null, PLAIN, "n3", null), Chat.Sent.class);

            admin.client().expect(new Channels.Rekey(vault), Ok.class);
            ChannelE2e next = bob.client().awaitEvent(Channels.Updated.class,
                    e -> e.channel().id() == vault && e.channel().e2e().epoch() == 2).channel().e2e();
            assertThat(next.salt()).isNotEqualTo(encrypted.e2e().salt());
            bob.client().expectError(new Chat.Send(vault, null, SealedText.seal(key, bob.id(), "still here?"), "n4", null),
                    ErrorCode.CONFLICT);
            ChannelKey rotated = ChannelKey.derive(vault, next, "a new one".toCharArray());
            bob.client().expect(new Chat.Send(vault, null, SealedText.seal(rotated, bob.id(), "hello again"), "n5", null),
                    Chat.Sent.class);
        }
        server.close();

        assertThat(DataFolderScan.contains(data, PLAIN)).as("the plain message, as a check that the search can find text").isTrue();
        assertThat(DataFolderScan.contains(data, SECRET)).as("the sealed one").isFalse();
        assertThat(DataFolderScan.contains(data, "correct horse")).as("the passphrase").isFalse();
    }

    @Test
    void membersWithTheSamePassphraseReadTheSameVerificationCodeAndOthersDoNot() {
        ChannelE2e e2e = new ChannelE2e(1, "AAAAAAAAAAAAAAAAAAAAAA==");
        ChannelKey ann = ChannelKey.derive(5, e2e, PASSPHRASE);
        ChannelKey bob = ChannelKey.derive(5, e2e, PASSPHRASE);
        ChannelKey eve = ChannelKey.derive(5, e2e, "correct horse battery stapler".toCharArray());
        ChannelKey elsewhere = ChannelKey.derive(6, e2e, PASSPHRASE);

        assertThat(ann.verificationCode()).as("PROTOCOL.md's test vector").isEqualTo("17181 42689 43551 37883")
                .isEqualTo(bob.verificationCode());
        assertThat(eve.verificationCode()).isNotEqualTo(ann.verificationCode());
        assertThat(elsewhere.verificationCode()).isNotEqualTo(ann.verificationCode());
        String sealed = SealedText.seal(ann, 7, SECRET);
        assertThat(SealedText.open(bob, 7, sealed)).contains(SECRET);
        assertThat(SealedText.open(eve, 7, sealed)).isEmpty();
        assertThat(SealedText.open(elsewhere, 7, sealed)).as("moved to another channel").isEmpty();
        assertThat(sealed).doesNotContain("eagle");
    }
}
