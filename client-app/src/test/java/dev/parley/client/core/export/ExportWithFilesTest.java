package dev.parley.client.core.export;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.files.FileUpload;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import java.awt.image.BufferedImage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports with their files against a real room (one room for the class): the files are saved beside
 * the export and every link resolves to the right bytes; only what the user may read is in it; a file
 * the room cannot send is reported without stopping the export; the HTML shows what people typed as text.
 */
@Timeout(90)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportWithFilesTest {
    static final long LOBBY = 1;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    static final String HOSTILE = "<script>alert('x')</script> \"quoted\" & 'single' </p><img src=x onerror=alert(1)>";

    Path roomDir;
    TestRoom room;
    ControlClient admin;
    ControlClient ann;
    ControlClient bob;
    long bobId;
    long annId;
    ChannelInfo vault;
    ChatMessage image;
    ChatMessage binary;
    ChatMessage gone;
    ChatMessage vaultFile;
    ChatMessage otherPairsFile;
    byte[] binaryBytes;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        roomDir = dir.resolve("room");
        room = TestRoom.start(roomDir);
        admin = Clients.client(room.port());
        Clients.signIn(admin, new Credentials.Register("admin", Clients.PASSWORD, null));
        ann = Clients.client(room.port());
        annId = Clients.signIn(ann, new Credentials.Register("ann", Clients.PASSWORD, null)).self().id();
        bob = Clients.client(room.port());
        bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
        vault = await(admin.request(new Channels.Create(null, "Vault", "", null, "meeple"), Channels.Created.class)).channel();
        await(admin.requestOk(new Channels.Join(vault.id(), "meeple")));

        Path png = dir.resolve("picture.png");
        BufferedImage picture = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(3, 3, 0xff0000);
        ImageIO.write(picture, "png", png.toFile());
        binaryBytes = new byte[70_000];
        new Random(11).nextBytes(binaryBytes);
        Path bin = Files.write(dir.resolve("bin"), binaryBytes);
        Path note = Files.writeString(dir.resolve("note.txt"), "a note\n");

        send(ann, LOBBY, null, HOSTILE);
        image = await(FileUpload.start(ann, Conversation.channel(LOBBY), png, "Summer \"Photo\" <1>.PNG", "the view").result());
        binary = await(FileUpload.start(bob, Conversation.channel(LOBBY), bin, "../../../etc/passwd", null).result());
        Path lost = Files.writeString(dir.resolve("lost.txt"), "lost on the room's disk\n");
        gone = await(FileUpload.start(bob, Conversation.channel(LOBBY), lost, "lost.txt", null).result());
        vaultFile = await(FileUpload.start(admin, Conversation.channel(vault.id()), note, "vault.txt", null).result());
        await(FileUpload.start(ann, Conversation.direct(bobId), note, "for-bob.txt", "for you").result());
        otherPairsFile = await(FileUpload.start(admin, Conversation.direct(bobId), png, "admin-to-bob.png", null).result());
        // The room lost this file's bytes (a disk restored from an old backup): downloading it fails.
        Files.delete(roomDir.resolve("files").resolve(gone.file().sha256().substring(0, 2)).resolve(gone.file().sha256()));
    }

    @AfterAll
    void stop() {
        for (ControlClient client : List.of(admin, ann, bob)) {
            client.close();
        }
        room.close();
    }

    private static ChatMessage send(ControlClient from, Long channelId, Long toUserId, String text) throws Exception {
        return await(from.request(new Chat.Send(channelId, toUserId, text, UUID.randomUUID().toString(), null),
                Chat.Sent.class)).message();
    }

    @Test
    void aChannelExportSavesItsFilesAndEveryLinkResolvesToTheRightBytes(@TempDir Path out) throws Exception {
        List<ExportJob.Progress> progress = new ArrayList<>();
        ExportJob.Result result = new ExportJob(ann, CLOCK).run(Conversation.channel(LOBBY), "#Lobby", "Test room", "ann",
                out.resolve("lobby"), true, progress::add);

        assertThat(result.written()).extracting(path -> path.getFileName().toString())
                .containsExactly("lobby.json", "lobby.md", "lobby.html");
        assertThat(result.files()).isEqualTo(2);
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.messageId()).isEqualTo(gone.id());
            assertThat(problem.reason()).contains("deleted");
        });
        Path folder = out.resolve("lobby_files");
        try (Stream<Path> saved = Files.list(folder)) {
            assertThat(saved.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(image.id() + "-summer-photo-1.png", binary.id() + "-passwd");
        }
        assertThat(folder.resolve(binary.id() + "-passwd")).hasBinaryContent(binaryBytes);

        ChatExport json = ChatExport.fromJson(Files.readString(out.resolve("lobby.json")));
        assertThat(json.fileOf(image.id()).orElseThrow().path()).isEqualTo("lobby_files/" + image.id() + "-summer-photo-1.png");
        assertThat(json.fileOf(gone.id()).orElseThrow().error()).contains("deleted");
        for (ChatExport.ExportedFile file : json.files()) {
            if (file.isSaved()) {
                assertThat(sha256(out.resolve(file.path()))).isEqualTo(file.sha256());
            }
        }
        String html = Files.readString(out.resolve("lobby.html"));
        List<String> htmlLinks = links(html, "(?:href|src)=\"([^\"#][^\"]*)\"");
        assertThat(htmlLinks).contains("lobby_files/" + image.id() + "-summer-photo-1.png", "lobby_files/" + binary.id() + "-passwd");
        assertThat(html).contains("<img src=\"lobby_files/" + image.id() + "-summer-photo-1.png\"")
                .contains("lost.txt · 24 bytes <span class=\"missing\">— not included: ");
        List<String> markdownLinks = links(Files.readString(out.resolve("lobby.md")), "\\]\\(([^)#][^)]*)\\)");
        assertThat(markdownLinks).hasSize(3);
        for (String link : Stream.concat(htmlLinks.stream(), markdownLinks.stream()).toList()) {
            Path target = out.resolve(URLDecoder.decode(link, StandardCharsets.UTF_8)).normalize();
            assertThat(target).startsWith(folder).isRegularFile();
        }
        assertThat(progress).last().isEqualTo(new ExportJob.Progress(ExportJob.Phase.WRITING, 1, 1));
        assertThat(progress).contains(new ExportJob.Progress(ExportJob.Phase.FILES, 3, 3));
    }

    @Test
    void withoutFilesNothingIsSavedAndTheExportSaysSo(@TempDir Path out) throws Exception {
        ExportJob.Result result = new ExportJob(ann, CLOCK).run(Conversation.channel(LOBBY), "#Lobby", null, "ann",
                out.resolve("lobby.md"), false, progress -> { });

        assertThat(result.files()).isZero();
        assertThat(out.resolve("lobby_files")).doesNotExist();
        assertThat(Files.readString(out.resolve("lobby.md"))).contains("(file not exported)");
    }

    @Test
    void aDirectExportHoldsOnlyThatPairsFilesAndALockedChannelFailsClearly(@TempDir Path out) throws Exception {
        ExportJob.Result result = new ExportJob(ann, CLOCK).run(Conversation.direct(bobId), "bob", null, "ann",
                out.resolve("bob.json"), true, progress -> { });

        assertThat(result.files()).isEqualTo(1);
        try (Stream<Path> saved = Files.list(out.resolve("bob_files"))) {
            assertThat(saved.map(path -> path.getFileName().toString())).singleElement().asString().endsWith("-for-bob.txt");
        }
        ChatExport json = ChatExport.fromJson(Files.readString(out.resolve("bob.json")));
        assertThat(json.messages()).extracting(ChatMessage::id).doesNotContain(otherPairsFile.id());
        assertThat(json.files()).extracting(ChatExport.ExportedFile::messageId).doesNotContain(otherPairsFile.id());

        ExportJob locked = new ExportJob(ann, CLOCK);
        assertThatThrownBy(() -> locked.run(Conversation.channel(vault.id()), "#Vault", null, "ann", out.resolve("vault.html"),
                true, progress -> { })).isInstanceOf(ExportException.class).hasMessageContaining("refused");
        assertThat(out.resolve("vault.html")).doesNotExist();
        assertThat(out.resolve("vault_files")).doesNotExist();
    }

    @Test
    void cancellingStopsTheExportAndRemovesWhatItSaved(@TempDir Path out) {
        ExportJob job = new ExportJob(ann, CLOCK);
        AtomicBoolean sawFiles = new AtomicBoolean();

        assertThatThrownBy(() -> job.run(Conversation.channel(LOBBY), "#Lobby", null, "ann", out.resolve("lobby.html"), true,
                progress -> {
                    // Cancelled once the first file is saved, as a person pressing Cancel during the files.
                    if (progress.phase() == ExportJob.Phase.FILES && progress.done() == 1) {
                        sawFiles.set(true);
                        job.cancel();
                    }
                })).isInstanceOf(ExportCancelled.class);

        assertThat(sawFiles).isTrue();
        assertThat(out.resolve("lobby.html")).doesNotExist();
        assertThat(out.resolve("lobby_files")).doesNotExist();
    }

    @Test
    void theHtmlShowsWhatPeopleTypedAsTextAndRunsNothing(@TempDir Path out) throws Exception {
        new ExportJob(ann, CLOCK).run(Conversation.channel(LOBBY), "<b>#Lobby</b>", "Room \"&'<", HOSTILE, out.resolve("x.html"),
                true, progress -> { });
        String html = Files.readString(out.resolve("x.html"));

        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<b>").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39; &lt;/p&gt;"
                        + "&lt;img src=x onerror=alert(1)&gt;")
                .contains("<title>&lt;b&gt;#Lobby&lt;/b&gt; — Room &quot;&amp;&#39;&lt;</title>")
                .contains("alt=\"Summer &quot;Photo&quot; &lt;1&gt;.PNG\"")
                .contains("Content-Security-Policy\" content=\"default-src 'none';");
        // Every tag in the page is one the exporter writes, with only its own attributes: nothing typed became markup.
        Matcher tags = Pattern.compile("<(/?)([a-zA-Z0-9!]+)([^>]*)>").matcher(html);
        List<String> allowedTags = List.of("!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1",
                "p", "main", "h2", "article", "div", "span", "time", "a", "img");
        int count = 0;
        while (tags.find()) {
            count++;
            assertThat(allowedTags).as(tags.group()).contains(tags.group(2));
            Matcher attributes = Pattern.compile("\\s([a-zA-Z-]+)(?:=\"[^\"]*\")?").matcher(tags.group(3));
            while (attributes.find()) {
                assertThat(attributes.group(1)).as(tags.group()).isIn("lang", "charset", "http-equiv", "content", "name",
                        "class", "id", "href", "src", "alt", "width", "height", "datetime", "title", "html");
            }
            assertThat(tags.group(3).replaceAll("\\s[a-zA-Z-]+(=\"[^\"]*\")?", "").trim()).as(tags.group()).isEmpty();
        }
        assertThat(count).isGreaterThan(20);
        // The style block is the page's own; nothing fetches anything from elsewhere.
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("url(").doesNotContain("@import");
    }

    private static List<String> links(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
