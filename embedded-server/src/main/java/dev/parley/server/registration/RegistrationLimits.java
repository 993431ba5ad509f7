package dev.parley.server.registration;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast accounts may be created: token buckets per client address and for the whole room. The
 * defaults let a LAN party register at once (10 from one address, 50 in the room) and then allow one
 * more every 30 s per address and every 15 s in the room: the ~400 registrations that once locked
 * every client out (issue 11) would take hours, and a frame can no longer outgrow the room anyway.
 */
public record RegistrationLimits(RegistrationMode mode, int perAddressBurst, Duration perAddressEvery,
                                 int perRoomBurst, Duration perRoomEvery) {
    public RegistrationLimits {
        Objects.requireNonNull(mode, "mode");
        if (perAddressBurst < 1 || perRoomBurst < 1 || perAddressEvery.isNegative() || perAddressEvery.isZero()
                || perRoomEvery.isNegative() || perRoomEvery.isZero()) {
            throw new IllegalArgumentException("registration bursts must be at least 1 and refill times positive");
        }
    }

    public static RegistrationLimits defaults() {
        return new RegistrationLimits(RegistrationMode.OPEN, 10, Duration.ofSeconds(30), 50, Duration.ofSeconds(15));
    }

    public RegistrationLimits withMode(RegistrationMode newMode) {
        return new RegistrationLimits(newMode, perAddressBurst, perAddressEvery, perRoomBurst, perRoomEvery);
    }

    public RegistrationLimits withRates(int addressBurst, Duration addressEvery, int roomBurst, Duration roomEvery) {
        return new RegistrationLimits(mode, addressBurst, addressEvery, roomBurst, roomEvery);
    }
}
