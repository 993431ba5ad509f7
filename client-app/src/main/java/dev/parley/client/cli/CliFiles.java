package dev.parley.client.cli;

import dev.parley.client.core.files.FileDownload;
import dev.parley.client.core.files.FileUpload;
import dev.parley.client.core.files.SealedTransfers;
import dev.parley.client.core.files.Transfer;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The headless client's file work: send a file, list the files of a conversation, save one. In an end-to-end
 * encrypted channel files are sealed before they leave and opened after they arrive. Runs on the
 * CLI's main thread and waits for each step; one use per instance.
 */
final class CliFiles {
    private static final int HISTORY = 100;

    private final ControlClient client;
    private final PrintWriter out;
    private final long timeoutSeconds;
    private final Sealing sealing;

    /**
     * How files go in the joined channel when it is end-to-end encrypted: sealed with the key of the channel's
     * current epoch and opened with the key of each file's epoch ({@code keysByEpoch}: from --passphrase, or
     * given to this account; empty without), as {@code selfId}'s; {@code scratch} holds sealed copies while
     * they travel.
     */
    record Sealing(long channelId, java.util.Map<Integer, ChannelKey> keysByEpoch, int currentEpoch, long selfId,
                   Path scratch) {
        ChannelKey key() {
            return keysByEpoch.get(currentEpoch);
        }

        /** The key of the epoch {@code sealedName} was sealed under, if held. */
        Optional<ChannelKey> keyOf(String sealedName) {
            return dev.parley.protocol.e2e.SealedText.epochOf(sealedName).map(keysByEpoch::get);
        }
    }

    /** @param sealing null for a plain channel or a DM */
    CliFiles(ControlClient client, PrintWriter out, long timeoutSeconds, Sealing sealing) {
        this.client = client;
        this.out = out;
        this.timeoutSeconds = timeoutSeconds;
        this.sealing = sealing;
    }

    /** Does what was asked, in the order send, list, download; 0 when all of it worked. */
    int run(Conversation conversation, Path send, String caption, boolean list, Long download, Path saveTo)
            throws Exception {
        try {
            return runSteps(conversation, send, caption, list, download, saveTo);
        } finally {
            if (sealing != null) {
                Files.deleteIfExists(sealing.scratch()); // empty by now: each sealed copy is deleted after its upload
            }
        }
    }

    private int runSteps(Conversation conversation, Path send, String caption, boolean list, Long download, Path saveTo)
            throws Exception {
        if (send != null) {
            if (!Files.isRegularFile(send)) {
                throw new ExecutionException(new java.io.FileNotFoundException("no file " + send));
            }
            String name = send.getFileName().toString();
            Transfer<ChatMessage> upload = sealed(conversation)
                    ? SealedTransfers.upload(client, key(), sealing.selfId(), send, name, caption, sealing.scratch())
                    : FileUpload.start(client, conversation, send, name, caption);
            ChatMessage sent = waitFor(upload, Files.size(send));
            out.printf(Locale.ROOT, "Sent %s as message %d (%s)%s%n", sealed(conversation) ? SealedFile.fitName(name)
                    : sent.file().name(), sent.id(), describe(sent.file()), sealed(conversation) ? ", end-to-end encrypted" : "");
        }
        if (list) {
            for (ChatMessage message : history(conversation)) {
                if (message.file() != null) {
                    out.printf(Locale.ROOT, "message %d from %s: %s (%s)%n", message.id(), message.authorName(),
                            shownName(conversation, message), describe(message.file()));
                }
            }
        }
        if (download != null) {
            Optional<ChatMessage> message = history(conversation).stream().filter(m -> m.id() == download)
                    .filter(m -> m.file() != null).findFirst();
            Optional<FileInfo> known = message.map(ChatMessage::file);
            Transfer<Path> saving;
            if (sealed(conversation) && message.isPresent()) {
                // Named by its opened name; a name that does not open is no name to save under.
                ChannelKey key = sealing.keyOf(known.get().name()).orElseThrow(() -> new ExecutionException(
                        new IllegalArgumentException("message " + download + "'s file is sealed under a key this client"
                                + " does not hold (give the channel's --passphrase, or ask a member to add you)")));
                String name = SealedFile.openName(key, message.get().authorId(), known.get().name())
                        .orElse("message-" + download);
                saving = SealedTransfers.download(client, key, message.get(), target(saveTo, name));
            } else {
                Path target = target(saveTo, known.map(FileInfo::name).orElse("message-" + download));
                saving = FileDownload.start(client, download, false, known.map(FileInfo::sha256).orElse(null), target);
            }
            Path saved = waitFor(saving, known.map(FileInfo::size).orElse(0L));
            out.printf(Locale.ROOT, "Saved message %d's file to %s (%d bytes)%n", download, saved, Files.size(saved));
        }
        out.flush();
        return 0;
    }

    private boolean sealed(Conversation conversation) {
        return sealing != null && conversation instanceof Conversation.Channel channel
                && channel.channelId() == sealing.channelId();
    }

    private ChannelKey key() throws ExecutionException {
        if (sealing.key() == null) {
            throw new ExecutionException(new IllegalArgumentException(
                    "the channel is end-to-end encrypted and this client holds no key of its current epoch; give its"
                            + " --passphrase (or, in a shared-key channel, ask a member to add you) to send files there"));
        }
        return sealing.key();
    }

    /** A file's name as this client can read it: opened in an encrypted channel, a placeholder when it won't open. */
    private String shownName(Conversation conversation, ChatMessage message) {
        if (!sealed(conversation)) {
            return message.file().name();
        }
        Optional<ChannelKey> key = sealing.keyOf(message.file().name());
        if (key.isEmpty()) {
            return "(encrypted file name; no key for it here)";
        }
        return SealedFile.openName(key.get(), message.authorId(), message.file().name())
                .orElse("(encrypted file name; does not open with the key held)");
    }

    private java.util.List<ChatMessage> history(Conversation conversation) throws Exception {
        Chat.History request = conversation instanceof Conversation.Channel channel
                ? new Chat.History(channel.channelId(), null, null, HISTORY)
                : new Chat.History(null, ((Conversation.Direct) conversation).peerId(), null, HISTORY);
        return client.request(request, Chat.Page.class).get(timeoutSeconds, TimeUnit.SECONDS).messages();
    }

    private static Path target(Path saveTo, String name) {
        // The name comes from the room: keep only its last part, so it cannot point outside the folder.
        String safe = Path.of(name.replace('\\', '/')).getFileName().toString();
        if (safe.isBlank() || safe.equals("..") || safe.equals(".")) {
            safe = "download";
        }
        if (saveTo == null) {
            return Path.of(safe);
        }
        return Files.isDirectory(saveTo) ? saveTo.resolve(safe) : saveTo;
    }

    /** Waits while bytes keep moving: the timeout counts from the last progress, not from the start. */
    private <T> T waitFor(Transfer<T> transfer, long size) throws Exception {
        long lastDone = -1;
        while (true) {
            try {
                return transfer.result().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                long done = transfer.progress().done();
                if (done == lastDone) {
                    transfer.cancel();
                    throw new ExecutionException(new TimeoutException("the room stopped answering"));
                }
                lastDone = done;
                out.printf(Locale.ROOT, "... %d of %d bytes%n", done, Math.max(size, transfer.progress().total()));
                out.flush();
            }
        }
    }

    static String describe(FileInfo file) {
        String size = file.size() < 1024 ? file.size() + " bytes"
                : file.size() < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", file.size() / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", file.size() / (1024.0 * 1024));
        return size + ", " + file.mediaType() + (file.image() ? ", " + file.width() + "x" + file.height() : "");
    }
}
