package dev.parley.server.control;

/** WebSocket close codes the server uses, in the 4000-4999 application range. */
public final class CloseCodes {
    public static final int UNSUPPORTED_VERSION = 4000;
    public static final int KICKED = 4001;
    public static final int REPLACED = 4002;
    public static final int BANNED = 4003;
    public static final int DELETED = 4004;
    public static final int TOO_SLOW = 4008;
    public static final int ABUSIVE = 4029;
    public static final int SHUTTING_DOWN = 1001;

    private CloseCodes() {
    }
}
