package dev.parley.server.files;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Files;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.control.model.Permission;
import dev.parley.server.chat.ChatRepository;
import dev.parley.server.chat.ChatViews;
import dev.parley.server.chat.ConversationAccess;
import dev.parley.server.chat.ConversationKey;
import dev.parley.server.chat.StoredMessage;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The file requests: upload (start, chunk, resume, cancel, finish) and download. Handlers run on the
 * room thread and check permissions there; disk work goes to the slow-work threads, storing to the
 * database thread. Who may download a file is exactly who may read the message carrying it.
 */
public final class FileHandlers {
    private final Room room;
    private final ConversationAccess access;
    private final ChatRepository chat;
    private final FileService files;
    private final Uploads uploads;
    private final ContentSniffer sniffer;
    private final Thumbnailer thumbnailer;
    private final String serverRun;
    private final Runnable onStored;
    private final LongSupplier clock;
    private dev.parley.server.chat.ChatChanges changes = dev.parley.server.chat.ChatChanges.NONE;

    public FileHandlers(Room room, ChatRepository chat, FileService files, Uploads uploads, String serverRun,
                        Runnable onStored, LongSupplier clock) {
        this.room = room;
        this.access = new ConversationAccess(room);
        this.chat = chat;
        this.files = files;
        this.uploads = uploads;
        this.sniffer = new ContentSniffer();
        this.thumbnailer = new Thumbnailer(files.limits().maxImagePixels());
        this.serverRun = serverRun;
        this.onStored = onStored;
        this.clock = clock;
    }

    /**
     * Tells {@code listener} of every message a finished upload posts (the search index: a file's caption
     * is searchable and the message "has a file"). Call before the room serves requests.
     */
    public FileHandlers tellChangesTo(dev.parley.server.chat.ChatChanges listener) {
        this.changes = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    public void registerOn(RequestRouter router) {
        router.on(Files.UploadStart.class, this::start)
                .on(Files.UploadResume.class, this::resume)
                .on(Files.UploadChunk.class, this::chunk)
                .on(Files.UploadCancel.class, this::cancel)
                .on(Files.UploadFinish.class, this::finish)
                .on(Files.Download.class, this::download);
    }

    private void start(Call call, Files.UploadStart request) {
        OnlineUser user = call.user();
        if (user.guest()) {
            throw Refusal.forbidden("Guests cannot send files; register an account.");
        }
        ConversationKey conversation = writableConversation(user, request.channelId(), request.userId());
        Integer epoch = encryptionEpoch(conversation);
        if (epoch != null) {
            SealedUploads.requireSealed(request, epoch);
        }
        FileLimits limits = files.limits();
        if (request.size() > limits.maxFileBytes()) {
            throw new Refusal(ErrorCode.TOO_LARGE, "The file is " + FileLimits.describe(request.size())
                    + "; this room takes files up to " + FileLimits.describe(limits.maxFileBytes()) + ".");
        }
        long committed = files.usedBytes() + uploads.reservedBytes();
        if (committed + request.size() > limits.quotaBytes()) {
            throw new Refusal(ErrorCode.LIMIT_REACHED, "The room's file storage is full ("
                    + FileLimits.describe(files.usedBytes()) + " of " + FileLimits.describe(limits.quotaBytes())
                    + " used); this file needs " + FileLimits.describe(request.size()) + ". Ask the host to make room.");
        }
        Upload upload = uploads.start(new Upload.Plan(user.id(), user.name(), conversation, request.name(),
                request.size(), request.text(), request.nonce()));
        call.reply(new Files.UploadReady(upload.id(), 0, request.size(), Limits.MAX_FILE_CHUNK));
    }

    private void resume(Call call, Files.UploadResume request) {
        Upload upload = uploads.owned(request.uploadId(), call.user().id());
        call.reply(new Files.UploadReady(upload.id(), upload.offset(), upload.plan().size(), Limits.MAX_FILE_CHUNK));
    }

    private void chunk(Call call, Files.UploadChunk request) {
        Upload upload = uploads.owned(request.uploadId(), call.user().id());
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(request.data());
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "data is not base64.");
        }
        call.offload(() -> {
            try {
                return upload.append(request.offset(), bytes, clock.getAsLong());
            } catch (Upload.WrongOffset e) {
                throw new Refusal(ErrorCode.CONFLICT, "The upload stands at byte " + e.expected()
                        + ", not " + request.offset() + "; send from there (file.upload.resume tells where).");
            } catch (IllegalArgumentException e) {
                throw new Refusal(ErrorCode.INVALID_FIELD, "That chunk runs past the size announced ("
                        + upload.plan().size() + " bytes).");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, offset -> call.reply(new Files.UploadProgress(upload.id(), offset)));
    }

    private void cancel(Call call, Files.UploadCancel request) {
        Upload upload = uploads.owned(request.uploadId(), call.user().id());
        upload.seal();
        uploads.remove(upload);
        call.reply(new Ok());
    }

    private void finish(Call call, Files.UploadFinish request) {
        OnlineUser user = call.user();
        Upload upload = uploads.owned(request.uploadId(), user.id());
        if (!upload.complete()) {
            throw new Refusal(ErrorCode.CONFLICT, "Only " + upload.offset() + " of " + upload.plan().size()
                    + " bytes have arrived; send the rest first.");
        }
        if (upload.sealed()) {
            throw new Refusal(ErrorCode.CONFLICT, "That upload is being finished already.");
        }
        Upload.Plan plan = upload.plan();
        // Permissions may have changed while the bytes travelled: check again before posting.
        Long channelId = plan.conversation() instanceof ConversationKey.Channel channel ? channel.channelId() : null;
        Long peerId = plan.conversation() instanceof ConversationKey.Direct direct ? direct.peerOf(user.id()) : null;
        writableConversation(user, channelId, peerId);
        Integer epoch = encryptionEpoch(plan.conversation());
        String sha256 = upload.seal();
        call.offload(() -> epoch == null ? inspect(upload, sha256) : sealedContent(upload, sha256, epoch), ready ->
                call.await(files.store(ready, ChatViews.author(user.id(), user.name(), serverRun))
                        .whenComplete((sent, error) -> uploads.remove(upload)), sent -> {
                    call.reply(sent);
                    if (!sent.duplicate()) {
                        onStored.run();
                        changes.posted(sent.message());
                        room.broadcast(new Chat.Posted(sent.message()), audience(plan.conversation()));
                    }
                }));
    }

    /**
     * The key epoch of the encrypted channel {@code conversation} names, null for a plain channel or a DM.
     * Room thread. Looked up again at finish: a rekey while the bytes travelled must not let old-key files in.
     */
    private Integer encryptionEpoch(ConversationKey conversation) {
        return conversation instanceof ConversationKey.Channel channel
                ? room.channels().find(channel.channelId()).map(dev.parley.server.channel.Channel::e2e)
                        .map(e2e -> e2e.epoch()).orElse(null)
                : null;
    }

    /**
     * A file for an encrypted channel: its first bytes must be a sealed-file header of the current epoch.
     * It is never sniffed, decoded or thumbnailed (the room sees only ciphertext), so it is stored as
     * {@value SealedUploads#MEDIA_TYPE} without a thumbnail; a refused upload is dropped.
     */
    private FileService.Ready sealedContent(Upload upload, String sha256, int epoch) {
        try {
            SealedUploads.requireSealedContent(upload.partial(), epoch);
            return new FileService.Ready(upload, sha256, SealedUploads.MEDIA_TYPE, null);
        } catch (IOException e) {
            uploads.remove(upload);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            uploads.remove(upload);
            throw e;
        }
    }

    /** Sniffs the type and makes the thumbnail; an image over the pixel cap is refused, and the upload dropped. */
    private FileService.Ready inspect(Upload upload, String sha256) {
        try {
            String type = sniffer.mediaType(upload.partial());
            Thumbnailer.Thumbnail thumbnail = null;
            if (Thumbnailer.IMAGE_TYPES.contains(type)) {
                try {
                    thumbnail = thumbnailer.make(upload.partial()).orElse(null);
                } catch (Thumbnailer.TooManyPixels e) {
                    throw new Refusal(ErrorCode.TOO_LARGE, "The image says it is " + e.width() + " x " + e.height()
                            + " pixels; this room takes images up to " + files.limits().maxImagePixels() / 1_000_000
                            + " megapixels.");
                }
            }
            return new FileService.Ready(upload, sha256, type, thumbnail);
        } catch (IOException e) {
            uploads.remove(upload);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            uploads.remove(upload);
            throw e;
        }
    }

    private void download(Call call, Files.Download request) {
        OnlineUser user = call.user();
        Set<Long> readable = room.channels().infos().stream().map(channel -> channel.id())
                .filter(id -> room.canRead(user, id)).collect(Collectors.toUnmodifiableSet());
        long messageId = request.messageId();
        call.db(c -> {
            Optional<StoredMessage> message = chat.findById(c, messageId);
            boolean visible = message.map(found -> found.conversation() instanceof ConversationKey.Channel channel
                    ? readable.contains(channel.channelId())
                    : ((ConversationKey.Direct) found.conversation()).involves(user.id())).orElse(false);
            // The same answer whether the message is elsewhere or nowhere: no probing for ids.
            if (!visible || message.get().deleted()) {
                throw Refusal.notFound("There is no message " + messageId + ".");
            }
            FileInfo file = message.get().file();
            if (file == null || (request.thumbnail() && !file.thumbnail())) {
                throw Refusal.notFound("Message " + messageId + " has no " + (request.thumbnail() ? "thumbnail." : "file."));
            }
            return file;
        }, file -> call.offload(() -> read(messageId, request, files.path(file.sha256(), request.thumbnail())),
                call::reply));
    }

    private static Files.Chunk read(long messageId, Files.Download request, Path path) {
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = in.size();
            if (request.offset() > size) {
                throw new Refusal(ErrorCode.INVALID_FIELD, "offset is past the end of the file (" + size + " bytes).");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Limits.MAX_FILE_CHUNK, size - request.offset()));
            long position = request.offset();
            while (buffer.hasRemaining()) {
                int read = in.read(buffer, position);
                if (read < 0) {
                    break;
                }
                position += read;
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return new Files.Chunk(messageId, request.thumbnail(), request.offset(), size,
                    Base64.getEncoder().encodeToString(bytes), position >= size);
        } catch (NoSuchFileException e) {
            throw Refusal.notFound("That file was deleted.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The conversation named, if the caller may post a file there (the same rules as chat.send). */
    private ConversationKey writableConversation(OnlineUser user, Long channelId, Long peerId) {
        return access.writable(user, channelId, peerId);
    }

    private Predicate<OnlineUser> audience(ConversationKey conversation) {
        if (conversation instanceof ConversationKey.Channel channel) {
            return user -> room.canRead(user, channel.channelId());
        }
        ConversationKey.Direct direct = (ConversationKey.Direct) conversation;
        return user -> direct.involves(user.id());
    }
}
