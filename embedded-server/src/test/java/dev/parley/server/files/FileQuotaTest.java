package dev.parley.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Files;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The room's storage quota: what the host sets, refused clearly when full, room again after a deletion. */
@Timeout(60)
class FileQuotaTest {
    static final long LOBBY = 1;

    @TempDir
    Path data;

    @Test
    void fullRoomRefusesTheNextFileUntilSomethingIsDeleted() throws Exception {
        Random random = new Random(4);
        byte[] first = new byte[6000];
        byte[] second = new byte[6000];
        random.nextBytes(first);
        random.nextBytes(second);
        try (ParleyServer server = ParleyServer.start(Rooms.config(data)
                .files(FileLimits.defaults().withQuotaBytes(10_000)).build());
             SignedIn ann = Rooms.register(server, "ann")) {
            ChatMessage kept = FileTransfers.upload(ann.client(), LOBBY, null, "first.bin", first).message();

            ErrorReply full = ann.client().expectError(new Files.UploadStart(LOBBY, null, "second.bin",
                    (long) second.length, null, "n-second"), ErrorCode.LIMIT_REACHED);
            assertThat(full.message()).contains("storage is full", "5.9 KB of 9.8 KB used");

            ann.client().expect(new Chat.Delete(kept.id()), Ok.class);
            await().untilAsserted(() -> assertThat(FileTransfers.upload(ann.client(), LOBBY, null, "second.bin", second)
                    .message().file().size()).isEqualTo(second.length));
        }
    }
}
