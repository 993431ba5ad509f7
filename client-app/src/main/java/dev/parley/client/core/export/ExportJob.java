package dev.parley.client.core.export;

import dev.parley.client.core.e2e.SealedMessages;
import dev.parley.client.core.files.FileDownload;
import dev.parley.client.core.files.SealedTransfers;
import dev.parley.client.core.files.Transfer;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.model.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One whole export of a conversation, as the app and the CLI make it: the history the user may read
 * ({@link ConversationExporter}), then, unless left out, each message's file saved into
 * {@code <name>_files/} beside the target through the ordinary, permission-checked download
 * ({@code file.get}), then the export file(s) written last, linking the files by relative path. A file
 * that cannot be fetched is noted in the export and in the {@link Result}; it never stops the rest.
 *
 * <p>{@link #run} blocks (call it off the UI thread); {@link #cancel} may be called from any thread, and
 * makes {@code run} throw {@link ExportCancelled} having removed the files it saved. One run per job.
 */
public final class ExportJob {
    private static final Logger log = LoggerFactory.getLogger(ExportJob.class);
    /** A download that moves no byte for this long is given up (the rest of the export goes on). */
    private static final Duration STALLED = Duration.ofSeconds(60);

    /** What the job is doing: reading messages ({@code total} unknown, -1), saving files, or writing. */
    public record Progress(Phase phase, long done, long total) {
    }

    public enum Phase { MESSAGES, FILES, WRITING }

    /** A file that could not be saved, and why, in words for the person. */
    public record Problem(long messageId, String fileName, String reason) {
    }

    /** What was written: the export file(s), how many messages, how many files saved, which failed. */
    public record Result(List<Path> written, int messages, int files, List<Problem> problems) {
        public Result {
            written = List.copyOf(written);
            problems = List.copyOf(problems);
        }
    }

    private final ControlClient client;
    private final Clock clock;
    private volatile boolean cancelled;
    private volatile Transfer<Path> current;
    private final java.util.function.UnaryOperator<dev.parley.protocol.control.model.ChatMessage> reader;

    public ExportJob(ControlClient client, Clock clock) {
        this(client, clock, java.util.function.UnaryOperator.identity());
    }

    /**
     * @param reader turns each message into what the export shows (in an end-to-end encrypted channel: the
     *               text opened with the channel's key, see {@code SealedMessages}); the export happens on the
     *               client, so the room never sees what it opens
     */
    public ExportJob(ControlClient client, Clock clock,
                     java.util.function.UnaryOperator<dev.parley.protocol.control.model.ChatMessage> reader) {
        this.client = client;
        this.clock = clock;
        this.reader = reader;
    }

    /** Stops the run at the next step (a download under way is stopped at once). Any thread. */
    public void cancel() {
        cancelled = true;
        Transfer<Path> transfer = current;
        if (transfer != null) {
            transfer.cancel();
        }
    }

    /**
     * @param target       {@code .json}, {@code .md} or {@code .html}; any other name gets all three
     * @param includeFiles whether to save the messages' files too
     * @throws ExportException with words for the person when the room refuses or nothing can be written
     */
    public Result run(Conversation conversation, String title, String room, String exportedBy, Path target,
                      boolean includeFiles, Consumer<Progress> progress) {
        // The room's form of each message with a file: a sealed file is fetched and opened by its sealed name.
        Map<Long, ChatMessage> asSent = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.UnaryOperator<ChatMessage> remembering = message -> {
            if (message.file() != null) {
                asSent.put(message.id(), message);
            }
            return reader.apply(message);
        };
        ChatExport export = new ConversationExporter(client, clock, null, remembering).export(conversation, title, room, exportedBy,
                read -> {
                    checkCancelled(List.of());
                    progress.accept(new Progress(Phase.MESSAGES, read, -1));
                });
        List<Path> saved = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (includeFiles) {
            export = export.withFiles(saveFiles(export.messages(), asSent, ExportNames.filesFolder(target), saved,
                    problems, progress));
        }
        checkCancelled(saved);
        progress.accept(new Progress(Phase.WRITING, 0, 1));
        List<Path> written = ExportFiles.write(export, target);
        progress.accept(new Progress(Phase.WRITING, 1, 1));
        return new Result(written, export.messages().size(), saved.size(), problems);
    }

    private List<ChatExport.ExportedFile> saveFiles(List<ChatMessage> messages, Map<Long, ChatMessage> asSent, Path folder,
                                                    List<Path> saved, List<Problem> problems, Consumer<Progress> progress) {
        List<ChatMessage> withFiles = messages.stream().filter(m -> !m.deleted() && m.file() != null).toList();
        List<ChatExport.ExportedFile> files = new ArrayList<>();
        Map<String, Path> bySha = new HashMap<>();
        for (int i = 0; i < withFiles.size(); i++) {
            checkCancelled(saved);
            progress.accept(new Progress(Phase.FILES, i, withFiles.size()));
            ChatMessage message = withFiles.get(i);
            String name = ExportNames.savedName(message.id(), message.file().name());
            Path file = folder.resolve(name);
            try {
                Files.createDirectories(folder);
                Path same = bySha.get(message.file().sha256());
                if (same != null) {
                    // The same bytes sent twice: fetched once, copied under the second message's name.
                    Files.copy(same, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } else {
                    download(asSent.getOrDefault(message.id(), message), file);
                    bySha.put(message.file().sha256(), file);
                }
                saved.add(file);
                files.add(ChatExport.ExportedFile.saved(message.id(), message.file().sha256(),
                        ExportNames.relative(folder, name)));
            } catch (ExportCancelled e) {
                removeSaved(saved);
                throw e;
            } catch (IOException | RuntimeException e) {
                String reason = reason(e);
                log.info("Export: file of message {} not saved: {}", message.id(), reason);
                problems.add(new Problem(message.id(), message.file().name(), reason));
                files.add(ChatExport.ExportedFile.failed(message.id(), message.file().sha256(), reason));
            }
        }
        progress.accept(new Progress(Phase.FILES, withFiles.size(), withFiles.size()));
        return files;
    }

    /**
     * The download of one file: a sealed one (its name as the room has it) is opened with the reader's key,
     * or refused when this client holds none (the export then notes it rather than save ciphertext).
     */
    private Transfer<Path> transfer(ChatMessage message, Path file) throws IOException {
        if (dev.parley.protocol.e2e.SealedText.epochOf(message.file().name()).isEmpty()) {
            return FileDownload.start(client, message.id(), false, message.file().sha256(), file);
        }
        java.util.Optional<dev.parley.protocol.e2e.ChannelKey> key = reader instanceof SealedMessages.Reader sealed
                ? sealed.fileKey(message) : java.util.Optional.empty();
        if (key.isEmpty()) {
            throw new IOException("it is end-to-end encrypted and this client has no key for it");
        }
        return SealedTransfers.download(client, key.get(), message, file);
    }

    /** Saves one file, waiting while bytes arrive; gives up on a download that stalls. */
    private void download(ChatMessage message, Path file) throws IOException {
        Transfer<Path> transfer = transfer(message, file);
        current = transfer;
        try {
            long lastDone = -1;
            long lastMove = System.nanoTime();
            while (true) {
                if (cancelled) {
                    transfer.cancel();
                }
                try {
                    transfer.result().get(200, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException e) {
                    long done = transfer.progress().done();
                    if (done != lastDone) {
                        lastDone = done;
                        lastMove = System.nanoTime();
                    } else if (System.nanoTime() - lastMove > STALLED.toNanos()) {
                        transfer.cancel();
                        throw new IOException("the room sent nothing for " + STALLED.toSeconds() + " s");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transfer.cancel();
            throw new ExportCancelled();
        } catch (CancellationException e) {
            throw new ExportCancelled();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                if (cancelled) {
                    throw new ExportCancelled();
                }
                throw new IOException("the download stopped", e.getCause());
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            current = null;
        }
    }

    private void checkCancelled(List<Path> saved) {
        if (cancelled) {
            removeSaved(saved);
            throw new ExportCancelled();
        }
    }

    private static void removeSaved(List<Path> saved) {
        for (Path file : saved) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not remove {} after a cancelled export: {}", file, e.toString());
            }
        }
        if (!saved.isEmpty()) {
            try {
                Files.deleteIfExists(saved.get(0).getParent());
            } catch (IOException e) {
                // not empty: something else is in there, which is not ours to remove
            }
        }
        saved.clear();
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "no permission to write " + message;
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
