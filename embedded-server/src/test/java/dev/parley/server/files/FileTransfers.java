package dev.parley.server.files;

import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Files;
import dev.parley.server.support.TestClient;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/** Uploading and downloading through the real protocol, chunk by chunk, for server tests. */
final class FileTransfers {
    private FileTransfers() {
    }

    static Files.UploadReady start(TestClient client, Long channelId, Long userId, String name, byte[] bytes)
            throws InterruptedException {
        return client.expect(new Files.UploadStart(channelId, userId, name, (long) bytes.length, null,
                "f-" + System.nanoTime()), Files.UploadReady.class);
    }

    /** Sends {@code bytes} from {@code from} up to {@code to}, one chunk per request; the offset reached. */
    static long send(TestClient client, String uploadId, byte[] bytes, long from, long to) throws InterruptedException {
        long offset = from;
        while (offset < to) {
            int length = (int) Math.min(Limits.MAX_FILE_CHUNK, to - offset);
            String data = Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, (int) offset, (int) offset + length));
            offset = client.expect(new Files.UploadChunk(uploadId, offset, data), Files.UploadProgress.class).offset();
        }
        return offset;
    }

    static Chat.Sent upload(TestClient client, Long channelId, Long userId, String name, byte[] bytes)
            throws InterruptedException {
        Files.UploadReady ready = start(client, channelId, userId, name, bytes);
        send(client, ready.uploadId(), bytes, 0, bytes.length);
        return client.expect(new Files.UploadFinish(ready.uploadId()), Chat.Sent.class);
    }

    static byte[] download(TestClient client, long messageId, boolean thumbnail) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long offset = 0;
        while (true) {
            Files.Chunk chunk = client.expect(new Files.Download(messageId, offset, thumbnail), Files.Chunk.class);
            byte[] bytes = Base64.getDecoder().decode(chunk.data());
            out.write(bytes, 0, bytes.length);
            offset += bytes.length;
            if (chunk.last()) {
                return out.toByteArray();
            }
        }
    }
}
