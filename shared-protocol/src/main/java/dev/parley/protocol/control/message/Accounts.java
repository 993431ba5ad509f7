package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import java.util.List;

/**
 * What a signed-in account does to itself (change its password, delete itself), and registration
 * that waits for an admin: in a room started with {@code --registration approval},
 * {@code auth.register} creates a pending account and answers {@link Pending}; admins list the
 * pending accounts and approve or reject them.
 */
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

    /** The reply to {@code auth.register} when an admin must approve the account first. */
    public record Pending(long userId, String username, String message) implements Reply {
    }

    /** Admins only: accounts waiting for approval, oldest first, after {@code afterId}. */
    public record ListPending(Long afterId, Integer limit) implements Request {
        public ListPending {
            Check.optionalPositive(afterId, "afterId");
            limit = limit == null ? Limits.MAX_USER_PAGE : Check.range(limit, "limit", 1, Limits.MAX_USER_PAGE);
        }
    }

    /** An account waiting for approval; {@code requestedAt} is epoch ms. */
    public record PendingAccount(long id, String username, long requestedAt) {
    }

    public record PendingPage(List<PendingAccount> accounts, boolean hasMore) implements Reply {
        public PendingPage {
            accounts = List.copyOf(accounts);
        }
    }

    /** Admins only: the pending account may sign in from now on, as a member. */
    public record Approve(Long userId) implements Request {
        public Approve {
            Check.positive(userId, "userId");
        }
    }

    /** Admins only: the pending account is deleted; its name is free again. */
    public record Reject(Long userId) implements Request {
        public Reject {
            Check.positive(userId, "userId");
        }
    }
}
