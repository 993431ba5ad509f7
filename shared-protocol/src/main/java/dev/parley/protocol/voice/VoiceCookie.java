package dev.parley.protocol.voice;

/**
 * The relay's return-routability cookie: proof that whoever answers can receive datagrams at the
 * address it was sent to. Opaque to clients, which only echo it. The relay makes it statelessly as a
 * keyed MAC over the session id, the address and {@code issued}, and checks it when it comes back.
 *
 * @param issued relay clock in milliseconds (wraps at 2^32) when the cookie was made
 * @param mac    the relay's MAC, truncated to 64 bits
 */
public record VoiceCookie(int issued, long mac) {

    /** Bytes on the wire: u32 issued, u64 mac. */
    public static final int BYTES = 12;

    /** "No cookie" in a HELLO (all zero bytes); never a valid cookie. */
    public static final VoiceCookie NONE = new VoiceCookie(0, 0);

    public boolean isNone() {
        return issued == 0 && mac == 0;
    }

    /** Never prints the MAC. */
    @Override
    public String toString() {
        return isNone() ? "VoiceCookie[none]" : "VoiceCookie[issued=" + issued + "]";
    }
}
