package dev.parley.server.registration;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts registration attempts when they arrive, per client address and for the whole room, and
 * says how long to wait when either bucket is empty. Attempts that fail later (a taken name) still
 * count: they cost a password hash, and probing names is what an attacker would do. Owned by the
 * room thread.
 */
public final class RegistrationThrottle {
    /** Addresses remembered at most, so memory stays bounded. */
    private static final int MAX_ADDRESSES = 10_000;

    private final RegistrationLimits limits;
    private final LongSupplier clockMillis;
    private final Map<String, TokenBucket> byAddress = new LinkedHashMap<>();
    private final TokenBucket room;

    public RegistrationThrottle(RegistrationLimits limits, LongSupplier clockMillis) {
        this.limits = limits;
        this.clockMillis = clockMillis;
        this.room = new TokenBucket(limits.perRoomBurst(), limits.perRoomEvery().toMillis(), clockMillis.getAsLong());
    }

    /**
     * Takes one attempt for {@code address} if both buckets allow it.
     *
     * @return 0 when allowed (and counted), else the milliseconds to wait (nothing counted)
     */
    public long tryAcquire(String address) {
        long now = clockMillis.getAsLong();
        TokenBucket own = byAddress.get(address);
        if (own == null) {
            forgetOldest();
            own = new TokenBucket(limits.perAddressBurst(), limits.perAddressEvery().toMillis(), now);
            byAddress.put(address, own);
        }
        long wait = Math.max(own.waitMillis(now), room.waitMillis(now));
        if (wait > 0) {
            return wait;
        }
        own.take();
        room.take();
        return 0;
    }

    /**
     * Keeps at most {@value #MAX_ADDRESSES} addresses, dropping the one seen first: O(1), so a flood
     * from many addresses costs nothing extra. An address dropped early only gets its own burst back;
     * the room's bucket still bounds everyone together.
     */
    private void forgetOldest() {
        if (byAddress.size() >= MAX_ADDRESSES) {
            Iterator<TokenBucket> oldest = byAddress.values().iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
