package dev.parley.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Files;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedFile;
import dev.parley.protocol.e2e.SealedText;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.DataFolderScan;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestDatabases;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in an end-to-end encrypted channel against a real room: the room takes only sealed files (name,
 * caption and content), stores and serves the ciphertext as it came, and keeps nothing readable on disk.
 */
@Timeout(60)
class EncryptedFilesTest {
    private static final String PHRASE = "the treasure is buried under the third oak";
    private static final String NAME = "treasure-map-of-the-island.txt";
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path data;

    @Test
    void anEncryptedChannelTakesOnlySealedFilesAndKeepsNoPlaintextOnDisk() throws Exception {
        assumeFalse(TestDatabases.postgres(), "reads the H2 files of the room");
        ParleyServer server = ParleyServer.start(Rooms.config(data).requestRate(1000, 1000).build());
        byte[] plain = (PHRASE + "\n").repeat(3_000).getBytes(StandardCharsets.UTF_8);
        try (SignedIn admin = Rooms.register(server, "admin"); SignedIn bob = Rooms.register(server, "bob")) {
            long vault = admin.client().expect(new Channels.Create(null, "Vault", null, null, null), Channels.Created.class)
                    .channel().id();
            admin.client().expect(new Channels.Rekey(vault), Ok.class);
            ChannelInfo encrypted = bob.client().awaitEvent(Channels.Updated.class,
                    e -> e.channel().id() == vault && e.channel().endToEnd()).channel();
            bob.client().expect(new Channels.Join(vault, null), Ok.class);
            admin.client().expect(new Channels.Join(vault, null), Ok.class);
            ChannelKey key = ChannelKey.derive(vault, encrypted.e2e(), PASSPHRASE);
            String sealedName = SealedFile.sealName(key, bob.id(), NAME);
            byte[] sealed = SealedFile.seal(key, bob.id(), sealedName, plain);

            bob.client().expectError(new Files.UploadStart(vault, null, NAME, (long) sealed.length, null, "f1"),
                    ErrorCode.INVALID_FIELD);
            bob.client().expectError(new Files.UploadStart(vault, null, sealedName, (long) sealed.length, "a plain caption",
                    "f2"), ErrorCode.INVALID_FIELD);
            // A sealed name over plain bytes: refused at finish, when the room has the first bytes.
            byte[] unsealed = plain.clone();
            Files.UploadReady ready = FileTransfers.start(bob.client(), vault, null, sealedName, unsealed);
            FileTransfers.send(bob.client(), ready.uploadId(), unsealed, 0, unsealed.length);
            bob.client().expectError(new Files.UploadFinish(ready.uploadId()), ErrorCode.INVALID_FIELD);

            String caption = SealedText.seal(key, bob.id(), "here is where we dig");
            Files.UploadReady accepted = bob.client().expect(new Files.UploadStart(vault, null, sealedName,
                    (long) sealed.length, caption, "f3"), Files.UploadReady.class);
            FileTransfers.send(bob.client(), accepted.uploadId(), sealed, 0, sealed.length);
            Chat.Sent sent = bob.client().expect(new Files.UploadFinish(accepted.uploadId()), Chat.Sent.class);
            FileInfo file = sent.message().file();
            assertThat(file.name()).isEqualTo(sealedName);
            assertThat(file.mediaType()).isEqualTo("application/octet-stream");
            assertThat(file.thumbnail()).isFalse();
            assertThat(file.size()).isEqualTo(sealed.length);

            Chat.Posted seen = admin.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == sent.message().id());
            byte[] downloaded = FileTransfers.download(admin.client(), seen.message().id(), false);
            assertThat(downloaded).isEqualTo(sealed);
            assertThat(SealedFile.open(key, seen.message().authorId(), seen.message().file().name(), downloaded))
                    .isEqualTo(plain);
            assertThat(SealedFile.openName(key, seen.message().authorId(), seen.message().file().name())).contains(NAME);
            FileTransfers.upload(bob.client(), 1L, null, "lobby-menu.txt",
                    "pancakes are served at nine".getBytes(StandardCharsets.UTF_8));
        }
        server.close();

        assertThat(DataFolderScan.contains(data, "lobby-menu.txt")).as("a plain file's name, proving the scan finds names").isTrue();
        assertThat(DataFolderScan.contains(data, "pancakes are served")).as("a plain file's content").isTrue();
        assertThat(DataFolderScan.contains(data, "here is where we dig")).as("the caption").isFalse();
        assertThat(DataFolderScan.contains(data, PHRASE)).as("the file's content, in the database or files/").isFalse();
        assertThat(DataFolderScan.contains(data, "treasure-map")).as("the file's name").isFalse();
    }

    @Test
    void aSealedImageIsNeitherDecodedNorThumbnailedAndAnOldEpochIsAConflict() throws Exception {
        ParleyServer server = ParleyServer.start(Rooms.config(data).requestRate(1000, 1000).build());
        try (SignedIn admin = Rooms.register(server, "admin")) {
            long vault = admin.client().expect(new Channels.Create(null, "Vault", null, null, null), Channels.Created.class)
                    .channel().id();
            admin.client().expect(new Channels.Rekey(vault), Ok.class);
            ChannelInfo first = admin.client().awaitEvent(Channels.Updated.class,
                    e -> e.channel().id() == vault && e.channel().endToEnd()).channel();
            admin.client().expect(new Channels.Join(vault, null), Ok.class);
            ChannelKey old = ChannelKey.derive(vault, first.e2e(), PASSPHRASE);
            String oldName = SealedFile.sealName(old, admin.id(), "photo.png");
            byte[] oldSealed = SealedFile.seal(old, admin.id(), oldName, png());
            // Started under epoch 1, finished after a rekey: the room re-checks at finish.
            Files.UploadReady started = FileTransfers.start(admin.client(), vault, null, oldName, oldSealed);
            FileTransfers.send(admin.client(), started.uploadId(), oldSealed, 0, oldSealed.length);
            admin.client().expect(new Channels.Rekey(vault), Ok.class);
            ChannelInfo second = admin.client().awaitEvent(Channels.Updated.class,
                    e -> e.channel().id() == vault && e.channel().e2e().epoch() == 2).channel();
            admin.client().expectError(new Files.UploadFinish(started.uploadId()), ErrorCode.CONFLICT);
            admin.client().expectError(new Files.UploadStart(vault, null, oldName, (long) oldSealed.length, null, "f4"),
                    ErrorCode.CONFLICT);

            ChannelKey key = ChannelKey.derive(vault, second.e2e(), PASSPHRASE);
            String name = SealedFile.sealName(key, admin.id(), "photo.png");
            Chat.Sent sent = FileTransfers.upload(admin.client(), vault, null, name,
                    SealedFile.seal(key, admin.id(), name, png()));

            assertThat(sent.message().file().mediaType()).isEqualTo("application/octet-stream");
            assertThat(sent.message().file().thumbnail()).isFalse();
            assertThat(sent.message().file().width()).isNull();
            admin.client().expectError(new Files.Download(sent.message().id(), 0L, true), ErrorCode.NOT_FOUND);
        }
        server.close();
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
