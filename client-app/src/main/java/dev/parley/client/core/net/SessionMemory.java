package dev.parley.client.core.net;

import dev.parley.protocol.control.model.Presence;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What must be remembered to put a dropped session back as it was: the token, the channel and its
 * password, the chosen presence, and which chat messages were already delivered. Event thread only.
 */
final class SessionMemory {
    private static final int REMEMBERED_MESSAGE_IDS = 4096;

    private final Map<Long, String> channelPasswords = new HashMap<>();
    private final Map<Long, Boolean> delivered = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED_MESSAGE_IDS;
        }
    };
    private String token;
    private long selfId;
    private long channelId;
    private Presence presence;
    private long lastSeenMessageId;

    void signedIn(String token, long selfId, long channelId) {
        this.token = token;
        this.selfId = selfId;
        this.channelId = channelId;
    }

    String token() {
        return token;
    }

    long selfId() {
        return selfId;
    }

    long channelId() {
        return channelId;
    }

    void movedTo(long channelId) {
        this.channelId = channelId;
    }

    void joined(long channelId, String password) {
        if (password != null && !password.isEmpty()) {
            channelPasswords.put(channelId, password);
        }
    }

    String passwordFor(long channelId) {
        return channelPasswords.get(channelId);
    }

    void forgetPassword(long channelId) {
        channelPasswords.remove(channelId);
    }

    Presence presence() {
        return presence;
    }

    void presence(Presence presence) {
        this.presence = presence;
    }

    long lastSeenMessageId() {
        return lastSeenMessageId;
    }

    void sawMessagesUpTo(long messageId) {
        lastSeenMessageId = Math.max(lastSeenMessageId, messageId);
    }

    /** True the first time a message id is delivered; later deliveries of the same id are duplicates. */
    boolean firstDelivery(long messageId) {
        if (delivered.put(messageId, Boolean.TRUE) != null) {
            return false;
        }
        sawMessagesUpTo(messageId);
        return true;
    }
}
