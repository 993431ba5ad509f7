package dev.parley.server.auth;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Admin;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code admin.claim}: the first admin, by one-time code. Room thread only. */
public final class AdminClaimHandlers {
    private static final Logger log = LoggerFactory.getLogger(AdminClaimHandlers.class);

    private final Room room;
    private final AccountRepository accounts;
    private final AdminClaim claim;
    private final GuessThrottle throttle;
    private final String onlyUsername;

    /** @param onlyUsername when set ({@code --admin}), only this account may claim */
    public AdminClaimHandlers(Room room, AccountRepository accounts, AdminClaim claim, GuessThrottle throttle,
                              String onlyUsername) {
        this.room = room;
        this.accounts = accounts;
        this.claim = claim;
        this.throttle = throttle;
        this.onlyUsername = onlyUsername;
    }

    public void registerOn(RequestRouter router) {
        router.on(Admin.Claim.class, this::claim);
    }

    private void claim(Call call, Admin.Claim request) {
        OnlineUser user = call.user();
        if (user.guest()) {
            throw Refusal.forbidden("Register an account first; guests cannot be admins.");
        }
        if (onlyUsername != null && !AccountRepository.usernameKey(onlyUsername).equals(AccountRepository.usernameKey(user.name()))) {
            throw Refusal.forbidden("This room's admin is claimed by the account " + onlyUsername + ".");
        }
        GuessThrottle.Verdict verdict = throttle.begin("admin-claim",
                GuessThrottle.addressKey(call.connection().remote().getAddress()));
        if (verdict instanceof GuessThrottle.Wait wait) {
            throw new Refusal(ErrorCode.RATE_LIMITED, "Too many wrong codes; try again later.", wait.millis());
        }
        String code = claim.code().orElse(null);
        boolean redeemed = claim.redeem(request.code());
        throttle.finished((GuessThrottle.Attempt) verdict, redeemed);
        if (!redeemed) {
            throw Refusal.forbidden("That admin code is wrong or already used.");
        }
        call.db(c -> accounts.setRole(c, user.id(), Role.ADMIN), changed -> {
            if (!changed) {
                claim.restore(code);
                throw Refusal.notFound("Your account no longer exists.");
            }
            promote(user);
            call.reply(new Ok());
        });
    }

    private void promote(OnlineUser user) {
        room.account(user.id()).ifPresent(known -> room.remember(
                new Room.KnownAccount(new UserInfo(user.id(), user.name(), Role.ADMIN), known.lastSeen())));
        user.role(Role.ADMIN);
        room.broadcastState(user);
        log.info("{} claimed the room's admin with the one-time code", user);
    }
}
