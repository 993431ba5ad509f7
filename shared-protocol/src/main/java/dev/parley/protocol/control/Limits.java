package dev.parley.protocol.control;

/** Sizes the contract allows. Servers and clients both enforce them. */
public final class Limits {
    /** Largest control frame, in UTF-8 bytes. Larger requests are refused with {@code too_large}. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    public static final int MAX_REQUEST_ID = 64;
    public static final int MIN_USERNAME = 3;
    public static final int MAX_USERNAME = 32;
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 256;
    public static final int MAX_NICKNAME = 32;
    public static final int MAX_TOKEN = 4096;
    public static final int MAX_CHANNEL_NAME = 64;
    public static final int MAX_CHANNEL_DESCRIPTION = 500;
    public static final int MAX_MESSAGE_TEXT = 4000;
    public static final int MAX_NONCE = 64;
    public static final int MAX_EMOJI = 32;
    public static final int MAX_REASON = 200;
    public static final int MAX_CLIENT_NAME = 64;
    /** Users one whisper target may name. */
    public static final int MAX_WHISPER_USERS = 64;
    /** Accounts holding one epoch of a shared-key encrypted channel's key (each one share in channel.rekey). */
    public static final int MAX_E2E_MEMBERS = 128;
    /** Key shares in one e2e.keys.info page. */
    public static final int MAX_E2E_KEYS_PAGE = 100;
    public static final int MAX_PAGE = 100;
    public static final int MAX_CATCH_UP = 500;

    // Room size bounds (issue 11): no reply or event grows with the room; lists travel in pages.
    /** Bytes the items of one page may take (the rest of the frame is envelope and small fields). */
    public static final int PAGE_BYTES = 48 * 1024;
    /** Bytes each of the first pages of channels and online users in {@code auth.ok} may take. */
    public static final int AUTH_PAGE_BYTES = 16 * 1024;
    /** Unread conversations listed in {@code auth.ok} (the ones with the newest messages). */
    public static final int MAX_UNREAD_LISTED = 200;
    /**
     * Unread messages counted per conversation at sign-in: the room looks at no more than this many + 1
     * messages after the read marker, so signing in costs the same at a million messages as at a hundred
     * ({@code UnreadCount.capped} tells a client the real count is higher; it shows "1000+").
     */
    public static final int UNREAD_COUNT_CAP = 1000;
    public static final int MAX_CHANNEL_PAGE = 500;
    public static final int MAX_USER_PAGE = 100;
    public static final int MAX_REACTOR_PAGE = 200;
    /** Channels a room may hold, the lobby included. */
    public static final int MAX_CHANNELS = 10_000;
    /** Different emoji on one message; any number of users may react with each. */
    public static final int MAX_REACTION_EMOJI = 20;

    // Files (issue 13): uploads and downloads travel in chunks that fit a control frame.
    /** Raw bytes in one upload or download chunk; base64 makes it 54,616 characters, under the frame limit. */
    public static final int MAX_FILE_CHUNK = 40 * 1024;
    public static final int MAX_FILE_CHUNK_BASE64 = (MAX_FILE_CHUNK + 2) / 3 * 4;

    private Limits() {
    }
}
