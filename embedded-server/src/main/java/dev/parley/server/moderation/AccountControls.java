package dev.parley.server.moderation;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Accounts;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.auth.Account;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.auth.GuessThrottle;
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
    private final GuessThrottle throttle;
    private final AccountRemoval removal;
    private final AuditTrail audit;
    private final String serverRun;

    public AccountControls(Room room, AccountRepository accounts, PasswordHasher hasher, TokenService tokens,
                           TokenGenerations generations, GuessThrottle throttle, AccountRemoval removal,
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
        // The old password is a secret like any other: the same throttle as sign-in guards it.
        GuessThrottle.Verdict verdict = throttle.begin("account:" + AccountRepository.usernameKey(user.name()),
                GuessThrottle.addressKey(call.connection().remote().getAddress()));
        if (verdict instanceof GuessThrottle.Wait wait) {
            throw new Refusal(ErrorCode.RATE_LIMITED,
                    "Too many wrong passwords; try again in " + Math.max(1, (wait.millis() + 999) / 1000) + " s.",
                    wait.millis());
        }
        GuessThrottle.Attempt attempt = (GuessThrottle.Attempt) verdict;
        call.db(c -> accounts.findById(c, user.id()), found -> call.offload(() -> {
            Optional<Account> verified = found.filter(account -> hasher.verify(account.passwordHash(), password));
            return verified.map(account -> Optional.ofNullable(work.get()));
        }, result -> {
            throttle.finished(attempt, result.isPresent());
            if (result.isEmpty()) {
                throw new Refusal(ErrorCode.BAD_CREDENTIALS, "Wrong password.");
            }
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
