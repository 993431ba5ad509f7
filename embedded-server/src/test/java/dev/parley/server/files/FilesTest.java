package dev.parley.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Files;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in chat against a real room: one room for the class (small limits so the refusals are cheap to
 * reach), three accounts; ann is the admin. Each test uses its own random bytes so dedupe between tests
 * never hides a bug.
 */
@Timeout(60)
class FilesTest {
    static final long LOBBY = 1;
    static final long MAX_FILE = 300 * 1024;

    @TempDir
    static Path data;
    static ParleyServer server;
    static SignedIn ann;
    static SignedIn bob;
    static SignedIn cat;
    static final Random random = new Random(13);
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = ParleyServer.start(Rooms.config(data)
                .files(FileLimits.defaults().withMaxFileBytes(MAX_FILE).withQuotaBytes(4L * 1024 * 1024)
                        .withMaxImagePixels(4_000_000))
                .requestRate(1000, 1000).build());
        ann = Rooms.register(server, "ann");
        bob = Rooms.register(server, "bob");
        cat = Rooms.register(server, "cat");
    }

    @AfterAll
    static void stop() {
        ann.close();
        bob.close();
        cat.close();
        server.close();
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    static Path blob(String sha256) {
        return data.resolve("files").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    static String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void uploadedFileReachesReadersAndDownloadsByteForByte() throws Exception {
        byte[] bytes = randomBytes(3 * Limits.MAX_FILE_CHUNK + 123);

        ChatMessage sent = FileTransfers.upload(ann.client(), LOBBY, null, "notes.bin", bytes).message();

        FileInfo file = sent.file();
        assertThat(file.name()).isEqualTo("notes.bin");
        assertThat(file.size()).isEqualTo(bytes.length);
        assertThat(file.mediaType()).isEqualTo("application/octet-stream");
        assertThat(file.thumbnail()).isFalse();
        Chat.Posted posted = bob.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == sent.id());
        assertThat(posted.message().file()).isEqualTo(file);
        assertThat(FileTransfers.download(bob.client(), sent.id(), false)).isEqualTo(bytes);
        assertThat(blob(file.sha256())).exists().hasBinaryContent(bytes);
        Chat.Page history = cat.client().expect(new Chat.History(LOBBY, null, null, 5), Chat.Page.class);
        assertThat(history.messages()).filteredOn(m -> m.id() == sent.id()).singleElement()
                .satisfies(m -> assertThat(m.file()).isEqualTo(file));
    }

    @Test
    void typeIsSniffedFromTheContentNotTheName() throws Exception {
        byte[] text = "just some words, not a picture\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        byte[] png = png(40, 30);

        FileInfo lying = FileTransfers.upload(ann.client(), LOBBY, null, "holiday.png", text).message().file();
        FileInfo hidden = FileTransfers.upload(ann.client(), LOBBY, null, "report.txt", png).message().file();

        assertThat(lying.mediaType()).isEqualTo("text/plain");
        assertThat(lying.thumbnail()).isFalse();
        assertThat(hidden.mediaType()).isEqualTo("image/png");
        assertThat(hidden.width()).isEqualTo(40);
    }

    @Test
    void imageGetsABoundedThumbnail() throws Exception {
        byte[] png = png(1200, 900);

        ChatMessage sent = FileTransfers.upload(ann.client(), LOBBY, null, "big.png", png).message();

        assertThat(sent.file().thumbnail()).isTrue();
        assertThat(sent.file().width()).isEqualTo(1200);
        assertThat(sent.file().height()).isEqualTo(900);
        byte[] thumb = FileTransfers.download(bob.client(), sent.id(), true);
        assertThat(thumb.length).isLessThanOrEqualTo(Thumbnailer.MAX_BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
        assertThat(FileTransfers.download(bob.client(), sent.id(), false)).isEqualTo(png);
    }

    @Test
    void sameBytesAreStoredOnceAndDeletingFreesThemOnlyWhenNothingRefersToThem() throws Exception {
        byte[] bytes = randomBytes(5000);
        long filesBefore = storedFiles();

        ChatMessage first = FileTransfers.upload(ann.client(), LOBBY, null, "a.bin", bytes).message();
        ChatMessage second = FileTransfers.upload(bob.client(), LOBBY, null, "b.bin", bytes).message();

        assertThat(second.file().sha256()).isEqualTo(first.file().sha256());
        assertThat(storedFiles()).isEqualTo(filesBefore + 1);
        Path blob = blob(first.file().sha256());

        ann.client().expect(new Chat.Delete(first.id()), Ok.class);
        // The deletion and the collection run on the database thread in order: one more round trip there
        // (bob's history) and the collection is done.
        bob.client().expect(new Chat.History(LOBBY, null, null, 1), Chat.Page.class);
        bob.client().expect(new Chat.History(LOBBY, null, null, 1), Chat.Page.class);
        assertThat(blob).exists();
        assertThat(FileTransfers.download(cat.client(), second.id(), false)).isEqualTo(bytes);
        ErrorReply gone = cat.client().expectError(new Files.Download(first.id(), 0L, false), ErrorCode.NOT_FOUND);
        assertThat(gone.message()).contains("no message");

        bob.client().expect(new Chat.Delete(second.id()), Ok.class);
        await().until(() -> !blob.toFile().exists());
        await().until(() -> storedFiles() == filesBefore);
    }

    @Test
    void fileTooLargeIsRefusedBeforeAnyByteIsSent() throws Exception {
        ErrorReply refused = ann.client().expectError(new Files.UploadStart(LOBBY, null, "film.mkv", MAX_FILE + 1,
                null, "n-large"), ErrorCode.TOO_LARGE);

        assertThat(refused.message()).contains("300.0 KB");
    }

    @Test
    void uploadResumesAfterReconnectFromWhereItStood() throws Exception {
        byte[] bytes = randomBytes(2 * Limits.MAX_FILE_CHUNK + 77);
        String uploadId;
        Rooms.register(server, "dan").close();
        try (SignedIn first = Rooms.login(server, "dan")) {
            uploadId = FileTransfers.start(first.client(), LOBBY, null, "resumed.bin", bytes).uploadId();
            FileTransfers.send(first.client(), uploadId, bytes, 0, Limits.MAX_FILE_CHUNK);
        } // the connection drops mid-upload

        try (SignedIn again = Rooms.login(server, "dan")) {
            Files.UploadReady where = again.client().expect(new Files.UploadResume(uploadId), Files.UploadReady.class);
            assertThat(where.offset()).isEqualTo(Limits.MAX_FILE_CHUNK);
            // A chunk from the wrong place is refused, not appended.
            again.client().expectError(new Files.UploadChunk(uploadId, 0L, Base64.getEncoder().encodeToString(bytes)
                    .substring(0, 8)), ErrorCode.CONFLICT);
            FileTransfers.send(again.client(), uploadId, bytes, where.offset(), bytes.length);
            ChatMessage sent = again.client().expect(new Files.UploadFinish(uploadId), Chat.Sent.class).message();

            assertThat(FileTransfers.download(cat.client(), sent.id(), false)).isEqualTo(bytes);
        }
    }

    @Test
    void someoneElseCannotResumeOrFinishYourUpload() throws Exception {
        byte[] bytes = randomBytes(100);
        String uploadId = FileTransfers.start(ann.client(), LOBBY, null, "mine.bin", bytes).uploadId();

        cat.client().expectError(new Files.UploadResume(uploadId), ErrorCode.NOT_FOUND);
        cat.client().expectError(new Files.UploadFinish(uploadId), ErrorCode.NOT_FOUND);
        ann.client().expect(new Files.UploadCancel(uploadId), Ok.class);
    }

    @Test
    void cancelledUploadIsGoneWithItsBytes() throws Exception {
        byte[] bytes = randomBytes(Limits.MAX_FILE_CHUNK + 10);
        String uploadId = FileTransfers.start(ann.client(), LOBBY, null, "oops.bin", bytes).uploadId();
        FileTransfers.send(ann.client(), uploadId, bytes, 0, Limits.MAX_FILE_CHUNK);
        Path partial = data.resolve("files").resolve("uploads").resolve(uploadId + ".part");
        assertThat(partial).exists();

        ann.client().expect(new Files.UploadCancel(uploadId), Ok.class);

        assertThat(partial).doesNotExist();
        ann.client().expectError(new Files.UploadResume(uploadId), ErrorCode.NOT_FOUND);
        ann.client().expectError(new Files.UploadFinish(uploadId), ErrorCode.NOT_FOUND);
    }

    @Test
    void finishingBeforeAllBytesArrivedIsRefused() throws Exception {
        byte[] bytes = randomBytes(Limits.MAX_FILE_CHUNK + 10);
        String uploadId = FileTransfers.start(ann.client(), LOBBY, null, "half.bin", bytes).uploadId();
        FileTransfers.send(ann.client(), uploadId, bytes, 0, Limits.MAX_FILE_CHUNK);

        ErrorReply early = ann.client().expectError(new Files.UploadFinish(uploadId), ErrorCode.CONFLICT);

        assertThat(early.message()).contains(Limits.MAX_FILE_CHUNK + " of " + bytes.length);
        ann.client().expect(new Files.UploadCancel(uploadId), Ok.class);
    }

    @Test
    void memberCannotDownloadAFileFromAChannelTheyCannotRead() throws Exception {
        ChannelInfo staff = ann.client().expect(new Channels.Create(null, "Staff files", "", null, null),
                Channels.Created.class).channel();
        ann.client().expect(new Channels.SetPermission(staff.id(), Role.MEMBER, Permission.ENTER, false), Ok.class);
        byte[] secret = randomBytes(2000);
        ChatMessage sent = FileTransfers.upload(ann.client(), staff.id(), null, "plans.bin", secret).message();

        ErrorReply refused = bob.client().expectError(new Files.Download(sent.id(), 0L, false), ErrorCode.NOT_FOUND);
        assertThat(refused.message()).doesNotContain("plans");
        bob.client().expectError(new Files.UploadStart(staff.id(), null, "x.bin", 1L, null, "n-staff"),
                ErrorCode.FORBIDDEN);
        assertThat(FileTransfers.download(ann.client(), sent.id(), false)).isEqualTo(secret);
    }

    @Test
    void directMessageFileIsReadableByItsTwoPeopleOnly() throws Exception {
        byte[] note = randomBytes(3000);
        ChatMessage sent = FileTransfers.upload(ann.client(), null, bob.id(), "for-bob.bin", note).message();

        assertThat(sent.toUserId()).isEqualTo(bob.id());
        bob.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == sent.id());
        assertThat(FileTransfers.download(bob.client(), sent.id(), false)).isEqualTo(note);
        assertThat(FileTransfers.download(ann.client(), sent.id(), false)).isEqualTo(note);
        cat.client().expectError(new Files.Download(sent.id(), 0L, false), ErrorCode.NOT_FOUND);
        cat.client().expectError(new Files.Download(sent.id(), 0L, true), ErrorCode.NOT_FOUND);
    }

    @Test
    void decompressionBombIsRefusedFromItsHeader() throws Exception {
        // A real 16x16 PNG whose header claims 100,000 x 100,000 pixels (10 gigapixels, 40 GB decoded).
        byte[] bomb = withDimensions(png(16, 16), 100_000, 100_000);
        long filesBefore = storedFiles();

        Files.UploadReady ready = FileTransfers.start(ann.client(), LOBBY, null, "cute-cat.png", bomb);
        FileTransfers.send(ann.client(), ready.uploadId(), bomb, 0, bomb.length);
        ErrorReply refused = ann.client().expectError(new Files.UploadFinish(ready.uploadId()), ErrorCode.TOO_LARGE);

        assertThat(refused.message()).contains("100000 x 100000 pixels", "4 megapixels");
        ann.client().expectError(new Files.UploadResume(ready.uploadId()), ErrorCode.NOT_FOUND);
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void guestsCannotSendFiles() throws Exception {
        try (SignedIn guest = Rooms.guest(server, "visitor")) {
            ErrorReply refused = guest.client().expectError(new Files.UploadStart(LOBBY, null, "x.bin", 1L, null, "n-g"),
                    ErrorCode.FORBIDDEN);
            assertThat(refused.message()).contains("register");
        }
    }

    @Test
    void metricsShowUsageAndQuota() throws Exception {
        FileTransfers.upload(ann.client(), LOBBY, null, "counted.bin", randomBytes(1000));

        String metrics = metrics();

        assertThat(metrics).contains("parley_files_quota_bytes " + 4L * 1024 * 1024 + "\n");
        assertThat(metricValue(metrics, "parley_files_stored_bytes")).isGreaterThanOrEqualTo(1000);
        assertThat(metricValue(metrics, "parley_files_stored")).isPositive();
    }

    static long storedFiles() throws IOException, InterruptedException {
        return metricValue(metrics(), "parley_files_stored");
    }

    static long metricValue(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).map(line -> line.substring(name.length() + 1))
                .mapToLong(value -> (long) Double.parseDouble(value)).findFirst().orElseThrow();
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Rewrites a PNG's IHDR width and height (and its CRC, so the header stays valid). */
    static byte[] withDimensions(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        // 8-byte signature, 4-byte length, "IHDR" at 12, width at 16, height at 20, CRC after 13 data bytes at 29.
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(patched);
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(patched, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return patched;
    }
}
