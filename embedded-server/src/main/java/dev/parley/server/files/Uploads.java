package dev.parley.server.files;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.server.control.Refusal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The uploads under way in the room, by id. An upload belongs to the account that started it and
 * survives that account's reconnects (the id and the offset are all a client needs to go on); one left
 * idle for {@link #IDLE_MILLIS} is dropped, and none survives a restart of the room. Thread-safe.
 */
public final class Uploads {
    public static final long IDLE_MILLIS = 60 * 60 * 1000L;
    public static final int MAX_PER_ACCOUNT = 4;
    public static final int MAX_IN_ROOM = 64;

    private final Map<String, Upload> byId = new ConcurrentHashMap<>();
    private final FileStore store;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();

    public Uploads(FileStore store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Registers a new upload, dropping idle ones first. */
    public synchronized Upload start(Upload.Plan plan) {
        expireIdle();
        long mine = byId.values().stream().filter(upload -> upload.plan().ownerId() == plan.ownerId()).count();
        if (mine >= MAX_PER_ACCOUNT) {
            throw new Refusal(ErrorCode.LIMIT_REACHED, "You have " + MAX_PER_ACCOUNT
                    + " uploads under way; finish or cancel one first.");
        }
        if (byId.size() >= MAX_IN_ROOM) {
            throw new Refusal(ErrorCode.RATE_LIMITED, "The room is receiving many files; try again in a moment.");
        }
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Upload upload = new Upload(id, plan, store.partial(id), clock.getAsLong());
        try {
            // Created now, so a file of 0 bytes (which gets no chunk) has its (empty) content too.
            java.nio.file.Files.createFile(upload.partial());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + upload.partial(), e);
        }
        byId.put(id, upload);
        return upload;
    }

    /** The caller's upload with this id; another account's upload is "not found" as well. */
    public Upload owned(String id, long ownerId) {
        Upload upload = byId.get(id);
        if (upload == null || upload.plan().ownerId() != ownerId) {
            throw new Refusal(ErrorCode.NOT_FOUND, "There is no upload " + id
                    + " (finished, cancelled, or the room restarted); start it again.");
        }
        return upload;
    }

    /** Forgets the upload and deletes what arrived of it. */
    public void remove(Upload upload) {
        byId.remove(upload.id(), upload);
        store.deleteQuietly(upload.partial());
    }

    public Optional<Upload> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Bytes promised by uploads under way: counted against the quota before they arrive. */
    public long reservedBytes() {
        return byId.values().stream().mapToLong(upload -> upload.plan().size()).sum();
    }

    public int active() {
        return byId.size();
    }

    private void expireIdle() {
        long now = clock.getAsLong();
        List<Upload> idle = new ArrayList<>();
        for (Upload upload : byId.values()) {
            if (now - upload.lastActivityMillis() > IDLE_MILLIS) {
                idle.add(upload);
            }
        }
        idle.forEach(this::remove);
    }
}
