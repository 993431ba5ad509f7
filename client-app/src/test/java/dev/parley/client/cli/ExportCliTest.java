package dev.parley.client.cli;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.export.ChatExport;
import dev.parley.client.core.files.FileUpload;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.server.admin.AdminMain;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code parley cli --export x.html} with the files, and {@code parley admin export} with the room's files, against a real room. */
@Timeout(120)
class ExportCliTest {
    @TempDir
    Path dir;

    @Test
    void theCliExportsAPageWithItsFilesAndTheAdminExportCopiesTheRoomsFiles() throws Exception {
        Path roomDir = dir.resolve("room");
        Path png = dir.resolve("map.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        Path note = Files.writeString(dir.resolve("secret.txt"), "between admin and bob\n");
        ChatMessage image;
        ChatMessage dmFile;
        try (TestRoom room = TestRoom.start(roomDir); ControlClient admin = Clients.client(room.port());
             ControlClient bob = Clients.client(room.port())) {
            Clients.signIn(admin, new Credentials.Register("admin", Clients.PASSWORD, null));
            long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
            image = await(FileUpload.start(admin, Conversation.channel(1), png, "map of the <keep>.png", "where we meet").result());
            dmFile = await(FileUpload.start(admin, Conversation.direct(bobId), note, "secret.txt", null).result());

            StringWriter out = new StringWriter();
            int code = run(new HeadlessClient(), out, "--port", String.valueOf(room.port()), "--trust-on-first-use",
                    "--known-servers", dir.resolve("known.json").toString(), "--user", "cat", "--password", Clients.PASSWORD,
                    "--register", "--export", dir.resolve("out").resolve("x.html").toString());

            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).contains("Exported 1 messages of #channel 1 to").contains("Saved 1 file in");
            String html = Files.readString(dir.resolve("out").resolve("x.html"));
            String saved = "x_files/" + image.id() + "-map-of-the-keep.png";
            assertThat(html).contains("<img src=\"" + saved + "\"").contains("map of the &lt;keep&gt;.png");
            assertThat(sha256(dir.resolve("out").resolve(saved))).isEqualTo(image.file().sha256());
            try (Stream<Path> files = Files.list(dir.resolve("out").resolve("x_files"))) {
                assertThat(files).hasSize(1);
            }

            StringWriter bare = new StringWriter();
            assertThat(run(new HeadlessClient(), bare, "--port", String.valueOf(room.port()), "--known-servers",
                    dir.resolve("known.json").toString(), "--user", "cat", "--password", Clients.PASSWORD, "--no-files",
                    "--export", dir.resolve("bare.md").toString())).as(bare.toString()).isZero();
            assertThat(dir.resolve("bare_files")).doesNotExist();
            assertThat(Files.readString(dir.resolve("bare.md"))).contains("(file not exported)");

            // --search with --has-file alone: bob finds the channel's image and his DM's file, nothing else
            StringWriter withFiles = new StringWriter();
            assertThat(run(new HeadlessClient(), withFiles, "--port", String.valueOf(room.port()), "--known-servers",
                    dir.resolve("known.json").toString(), "--user", "bob", "--password", Clients.PASSWORD,
                    "--search", "", "--has-file")).as(withFiles.toString()).isZero();
            assertThat(withFiles.toString()).contains("2 results").contains("#" + image.id() + " ").contains("#" + dmFile.id() + " ")
                    .contains("[file: secret.txt]");
        }

        StringWriter adminOut = new StringWriter();
        Path whole = dir.resolve("whole");
        assertThat(run(new AdminMain(), adminOut, "--data", roomDir.toString(), "export", "--out", whole.toString(),
                "--with-direct-messages")).as(adminOut.toString()).isZero();
        assertThat(adminOut.toString()).contains("1 file");
        List<ChatExport> exports;
        try (Stream<Path> paths = Files.list(whole)) {
            exports = paths.filter(path -> path.toString().endsWith(".json")).sorted().map(ExportCliTest::read).toList();
        }
        assertThat(exports).flatExtracting(ChatExport::messages).filteredOn(message -> message.file() != null)
                .extracting(ChatMessage::id).containsExactlyInAnyOrder(image.id(), dmFile.id());
        assertThat(exports).flatExtracting(ChatExport::files).hasSize(2).allSatisfy(file -> {
            assertThat(file.isSaved()).isTrue();
            assertThat(file.path()).startsWith("files/" + file.sha256());
            assertThat(sha256(whole.resolve(file.path()))).isEqualTo(file.sha256());
        });

        StringWriter noFiles = new StringWriter();
        Path light = dir.resolve("light");
        assertThat(run(new AdminMain(), noFiles, "--data", roomDir.toString(), "export", "--out", light.toString(),
                "--no-files")).as(noFiles.toString()).isZero();
        assertThat(light.resolve("files")).doesNotExist();
    }

    private static ChatExport read(Path path) {
        try {
            return ChatExport.fromJson(Files.readString(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int run(Object command, StringWriter out, String... args) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        return line.execute(args);
    }
}
