package dev.parley.server.settings;

import dev.parley.protocol.control.message.RoomAdmin;
import dev.parley.protocol.control.model.Registration;
import dev.parley.server.registration.RegistrationMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings an admin may change while the room runs. Immutable.
 *
 * @param password the room password, or null when the room has none
 */
public record RoomSettings(String name, String password, boolean guestsAllowed, RegistrationMode registration) {
    public RoomSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registration, "registration");
        password = password == null || password.isEmpty() ? null : password;
    }

    /** These settings with the fields the request carries; absent fields stay. */
    public RoomSettings with(RoomAdmin.Update update) {
        return new RoomSettings(update.name() != null ? update.name() : name,
                update.password() != null ? update.password() : password,
                update.guestsAllowed() != null ? update.guestsAllowed() : guestsAllowed,
                update.registration() != null ? mode(update.registration()) : registration);
    }

    /** The part of {@code update} that would change these settings (fields equal to the current value dropped). */
    public RoomAdmin.Update differences(RoomAdmin.Update update) {
        String newPassword = update.password() == null ? null : update.password().isEmpty() ? null : update.password();
        boolean passwordChanges = update.password() != null && !java.util.Objects.equals(newPassword, password);
        return new RoomAdmin.Update(
                update.name() != null && !update.name().equals(name) ? update.name() : null,
                passwordChanges ? update.password() : null,
                update.guestsAllowed() != null && update.guestsAllowed() != guestsAllowed ? update.guestsAllowed() : null,
                update.registration() != null && mode(update.registration()) != registration ? update.registration() : null);
    }

    public RoomAdmin.Info info() {
        return new RoomAdmin.Info(name, guestsAllowed, password != null, wire(registration));
    }

    public RoomAdmin.Updated updated() {
        return new RoomAdmin.Updated(name, guestsAllowed, password != null, wire(registration));
    }

    /** What changed from {@code before} to these, in words for the audit log; never the password itself. */
    public String changesSince(RoomSettings before) {
        List<String> changes = new ArrayList<>();
        if (!name.equals(before.name)) {
            changes.add("name '" + before.name + "' -> '" + name + "'");
        }
        if (!Objects.equals(password, before.password)) {
            changes.add(password == null ? "password removed" : before.password == null ? "password set" : "password changed");
        }
        if (guestsAllowed != before.guestsAllowed) {
            changes.add(guestsAllowed ? "guests on" : "guests off");
        }
        if (registration != before.registration) {
            changes.add("registration " + before.registration.wire() + " -> " + registration.wire());
        }
        return String.join(", ", changes);
    }

    static RegistrationMode mode(Registration registration) {
        return RegistrationMode.parse(registration.wire());
    }

    static Registration wire(RegistrationMode mode) {
        return Registration.fromWire(mode.wire());
    }

    @Override
    public String toString() {
        return "RoomSettings[name=" + name + ", password=" + (password != null) + ", guests=" + guestsAllowed
                + ", registration=" + registration.wire() + "]";
    }
}
