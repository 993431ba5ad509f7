package dev.parley.server.registration;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Accounts;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.server.auth.Account;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import java.util.List;

/** Admins list accounts waiting for approval and approve or reject them. Room thread only. */
public final class RegistrationHandlers {
    private final Room room;
    private final AccountRepository accounts;

    public RegistrationHandlers(Room room, AccountRepository accounts) {
        this.room = room;
        this.accounts = accounts;
    }

    public void registerOn(RequestRouter router) {
        router.on(Accounts.ListPending.class, this::list)
                .on(Accounts.Approve.class, this::approve)
                .on(Accounts.Reject.class, this::reject);
    }

    private void list(Call call, Accounts.ListPending request) {
        requireAdmin(call);
        long after = request.afterId() == null ? 0 : request.afterId();
        int limit = request.limit();
        call.db(c -> accounts.pending(c, after, limit + 1), found -> {
            List<Accounts.PendingAccount> page = found.stream().limit(limit)
                    .map(account -> new Accounts.PendingAccount(account.id(), account.username(),
                            account.createdAt().toEpochMilli()))
                    .toList();
            call.reply(new Accounts.PendingPage(page, found.size() > limit));
        });
    }

    private void approve(Call call, Accounts.Approve request) {
        requireAdmin(call);
        call.db(c -> accounts.approve(c, request.userId()), approved -> {
            Account account = approved.orElseThrow(
                    () -> Refusal.notFound("No account " + request.userId() + " is waiting for approval."));
            Room.KnownAccount known = new Room.KnownAccount(
                    new UserInfo(account.id(), account.username(), account.role()), null);
            room.remember(known);
            call.reply(new Ok());
            room.broadcastPresence(known.info().id(), new Users.StateChanged(Room.offlineState(known)), user -> true, null);
        });
    }

    private void reject(Call call, Accounts.Reject request) {
        requireAdmin(call);
        call.db(c -> accounts.deletePending(c, request.userId()), deleted -> {
            if (!deleted) {
                throw Refusal.notFound("No account " + request.userId() + " is waiting for approval.");
            }
            call.reply(new Ok());
        });
    }

    private static void requireAdmin(Call call) {
        if (call.user().role() != Role.ADMIN) {
            throw new Refusal(ErrorCode.FORBIDDEN, "Only admins approve new accounts.");
        }
    }
}
