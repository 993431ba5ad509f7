package dev.parley.server.moderation;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Accounts;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.auth.Account;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.auth.LoginThrottle;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.server.auth.TokenGenerations;
import dev.parley.server.auth.TokenService;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What an account does to itself: change its password (revoking every older token) and delete
 * itself. Both need the current password, and wrong guesses count against the login throttle.
 * Room thread only.
 */
public final class AccountControls {
    private final Room room;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final TokenGenerations generations;
    private final LoginThrottle throttle;
    private final AccountRemoval removal;
    private final AuditTrail audit;
    private final String serverRun;

    public AccountControls(Room room, AccountRepository accounts, PasswordHasher hasher, TokenService tokens,
                           TokenGenerations generations, LoginThrottle throttle, AccountRemoval removal,
                           AuditTrail audit, String serverRun) {
        this.room = room;
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.generations = generations;
        this.throttle = throttle;
        this.removal = removal;
        this.audit = audit;
        this.serverRun = serverRun;
    }

    public void registerOn(RequestRouter router) {
        router.on(Accounts.ChangePassword.class, this::changePassword)
                .on(Accounts.DeleteOwn.class, this::deleteOwn);
    }

    private void changePassword(Call call, Accounts.ChangePassword request) {
        OnlineUser user = account(call);
        withPassword(call, user, request.oldPassword(), () -> hasher.hash(request.newPassword()), newHash -> call.db(c -> {
            accounts.setPasswordHash(c, user.id(), newHash);
            return generations.bump(c, user.id());
        }, generation -> {
            String token = tokens.issue(user.id(), user.name(), serverRun, generation);
            call.reply(new Accounts.TokenRenewed(token, tokens.expiresAt(token)));
        }));
    }

    private void deleteOwn(Call call, Accounts.DeleteOwn request) {
        OnlineUser user = account(call);
        if (user.role() == Role.ADMIN && room.accountsWithRole(Role.ADMIN) <= 1) {
            throw new Refusal(ErrorCode.CONFLICT, "You are the room's only admin: make someone else admin first.");
        }
        withPassword(call, user, request.password(), () -> Boolean.TRUE, verified -> call.db(
                c -> removal.erase(c, user.id()), erased -> {
                    audit.record(user, "account.delete", user.id(), user.name(), null, null, "own account");
                    call.reply(new Ok());
                    removal.forget(user.id(), "Your account was deleted.");
                }));
    }

    /** Checks the caller's password off the room thread, then runs {@code work} there too, then {@code then}. */
    private <T> void withPassword(Call call, OnlineUser user, String password, java.util.function.Supplier<T> work,
                                  Consumer<T> then) {
        String accountKey = AccountRepository.usernameKey(user.name());
        String addressKey = call.connection().remote().getAddress().getHostAddress();
        long wait = throttle.waitMillis(accountKey, addressKey);
        if (wait > 0) {
            throw new Refusal(ErrorCode.RATE_LIMITED,
                    "Too many wrong passwords; try again in " + Math.max(1, (wait + 999) / 1000) + " s.", wait);
        }
        call.db(c -> accounts.findById(c, user.id()), found -> call.offload(() -> {
            Optional<Account> verified = found.filter(account -> hasher.verify(account.passwordHash(), password));
            return verified.map(account -> Optional.ofNullable(work.get()));
        }, result -> {
            if (result.isEmpty()) {
                throttle.failed(accountKey, addressKey);
                throw new Refusal(ErrorCode.BAD_CREDENTIALS, "Wrong password.");
            }
            throttle.succeeded(accountKey, addressKey);
            then.accept(result.get().orElseThrow());
        }));
    }

    private static OnlineUser account(Call call) {
        OnlineUser user = call.user();
        if (user.guest()) {
            throw Refusal.forbidden("Guests have no account to change.");
        }
        return user;
    }
}
