package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;

/** What a signed-in account does to itself: change its password, delete itself. */
public final class Accounts {
    private Accounts() {
    }

    /** Needs the old password; every older token stops working, the reply carries a new one. */
    public record ChangePassword(String oldPassword, String newPassword) implements Request {
        public ChangePassword {
            Check.text(oldPassword, "oldPassword", 1, Limits.MAX_PASSWORD);
            Check.text(newPassword, "newPassword", Limits.MIN_PASSWORD, Limits.MAX_PASSWORD);
        }

        @Override
        public String toString() {
            return "ChangePassword[]";
        }
    }

    /** A fresh session token replacing every earlier one. */
    public record TokenRenewed(String token, long expiresAt) implements Reply {
        @Override
        public String toString() {
            return "TokenRenewed[expiresAt=" + expiresAt + "]";
        }
    }

    /** Deletes the caller's own account; needs its password. */
    public record DeleteOwn(String password) implements Request {
        public DeleteOwn {
            Check.text(password, "password", 1, Limits.MAX_PASSWORD);
        }

        @Override
        public String toString() {
            return "DeleteOwn[]";
        }
    }
}
