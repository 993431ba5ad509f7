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
    public static final int MAX_PAGE = 100;
    public static final int MAX_CATCH_UP = 500;

    private Limits() {
    }
}
