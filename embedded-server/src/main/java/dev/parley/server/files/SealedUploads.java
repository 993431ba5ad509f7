package dev.parley.server.files;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Files;
import dev.parley.protocol.e2e.SealedFile;
import dev.parley.protocol.e2e.SealedText;
import dev.parley.server.control.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The room's checks on a file sent into an end-to-end encrypted channel, with the same answers chat
 * gives sealed text: not sealed is {@code invalid_field}, sealed under an old key epoch is
 * {@code conflict}. The room cannot tell real ciphertext from noise; these checks only make sure a
 * client that forgot to seal leaves nothing readable behind, and that a member dropped by a rekey
 * cannot post. No crypto, no I/O beyond the first {@value SealedFile#HEADER_BYTES} bytes. Stateless.
 */
final class SealedUploads {
    /** What an encrypted file is stored and announced as: the room cannot sniff ciphertext. */
    static final String MEDIA_TYPE = "application/octet-stream";

    private SealedUploads() {
    }

    /** At file.upload: the name (and a caption, if any) sealed under {@code epoch}, a size a sealed file can have. */
    static void requireSealed(Files.UploadStart request, int epoch) {
        requireEpoch(SealedText.epochOf(request.name()), epoch, "name");
        if (request.text() != null && !request.text().isEmpty()) {
            requireEpoch(SealedText.epochOf(request.text()), epoch, "text");
        }
        if (request.size() < SealedFile.MIN_SEALED_BYTES) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "This channel is end-to-end encrypted: a sealed file has at"
                    + " least " + SealedFile.MIN_SEALED_BYTES + " bytes.");
        }
    }

    /** At file.upload.finish: the content starts with a sealed-file header of {@code epoch}. */
    static void requireSealedContent(Path partial, int epoch) throws IOException {
        byte[] header;
        try (InputStream in = java.nio.file.Files.newInputStream(partial)) {
            header = in.readNBytes(SealedFile.HEADER_BYTES);
        }
        requireEpoch(SealedFile.epochOf(header), epoch, "content");
    }

    private static void requireEpoch(Optional<Integer> sealedUnder, int epoch, String what) {
        if (sealedUnder.isEmpty()) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "This channel is end-to-end encrypted: the file's " + what
                    + " must be sealed with its key (epoch " + epoch + ").");
        }
        if (sealedUnder.get() != epoch) {
            throw new Refusal(ErrorCode.CONFLICT, "This channel's key changed (epoch " + epoch
                    + "): seal with the new key (its new passphrase, or the copy a member gave you).");
        }
    }
}
