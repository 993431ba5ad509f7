package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.Registration;

/**
 * The room's own settings, changed by an admin while it runs: its name, the room password, whether
 * guests may join, and who may register. The room stores them, so a restart keeps them.
 */
public final class RoomAdmin {
    /** The longest room name, in UTF-16 units (as long as a channel name). */
    public static final int MAX_NAME = 64;

    private RoomAdmin() {
    }

    /**
     * Admins only. Absent fields stay as they are; a request without any field only reads the
     * settings. {@code password} {@code ""} removes the room password.
     */
    public record Update(String name, String password, Boolean guestsAllowed, Registration registration)
            implements Request {
        public Update {
            Check.optionalLine(name, "name", MAX_NAME);
            if (password != null) {
                Check.text(password, "password", 0, Limits.MAX_PASSWORD);
                if (!password.isEmpty() && password.isBlank()) {
                    throw Check.invalid("password", "must not be blank");
                }
            }
        }

        /** Reads the settings without changing anything. */
        public static Update read() {
            return new Update(null, null, null, null);
        }

        public boolean changesNothing() {
            return name == null && password == null && guestsAllowed == null && registration == null;
        }

        @Override
        public String toString() {
            return "Update[name=" + name + ", password=" + (password == null ? "unchanged" : password.isEmpty() ? "removed" : "set")
                    + ", guestsAllowed=" + guestsAllowed + ", registration=" + registration + "]";
        }
    }

    /** The settings as they are now (the password itself is never sent, only whether there is one). */
    public record Info(String name, boolean guestsAllowed, boolean passwordRequired, Registration registration)
            implements Reply {
        public Info {
            Check.required(name, "name");
            Check.required(registration, "registration");
        }
    }

    /** Sent to everyone when an admin changed the room's settings. */
    public record Updated(String name, boolean guestsAllowed, boolean passwordRequired, Registration registration)
            implements Event {
        public Updated {
            Check.required(name, "name");
            Check.required(registration, "registration");
        }
    }
}
