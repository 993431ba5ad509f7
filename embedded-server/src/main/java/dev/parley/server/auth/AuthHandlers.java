package dev.parley.server.auth;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Accounts;
import dev.parley.protocol.control.message.Session;
import dev.parley.server.registration.RegistrationMode;
import dev.parley.server.registration.RegistrationThrottle;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ServerConfig;
import dev.parley.server.control.Call;
import dev.parley.server.control.CloseCodes;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.control.RequestRouter.Stage;
import dev.parley.server.invites.InviteRedemption;
import dev.parley.server.invites.StoredInvite;
import dev.parley.server.moderation.SignInGate;
import dev.parley.server.room.Room;
import dev.parley.server.session.SignIn;
import dev.parley.server.settings.LiveSettings;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Hello, registration, password and guest sign-in, and resuming with a token. Room thread only. */
public final class AuthHandlers {
    /** The room software's version, in hello.ok and the LAN announcement. */
    public static final String VERSION = "0.1.0";

    private final ServerConfig config;
    private final Room room;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final GuessThrottle throttle;
    private final SignIn signIn;
    private final String serverRun;
    private final SignInGate gate;
    private final TokenGenerations generations;
    private final RegistrationThrottle registrations;
    /** Name, room password, guests and registration as an admin may have changed them since start. */
    private final LiveSettings settings;
    /** Spends invite codes given with {@code auth.register}. */
    private final InviteRedemption invites;

    public AuthHandlers(ServerConfig config, Room room, AccountRepository accounts, PasswordHasher hasher,
                        TokenService tokens, GuessThrottle throttle, SignIn signIn, String serverRun,
                        SignInGate gate, TokenGenerations generations, LiveSettings settings,
                        InviteRedemption invites) {
        this.invites = invites;
        this.settings = settings;
        this.gate = gate;
        this.generations = generations;
        this.config = config;
        this.room = room;
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.signIn = signIn;
        this.serverRun = serverRun;
        this.registrations = new RegistrationThrottle(config.registration(), System::currentTimeMillis);
    }

    public void registerOn(RequestRouter router) {
        router.on(Session.Hello.class, Stage.BEFORE_SIGN_IN, this::hello)
                .on(Session.Register.class, Stage.BEFORE_SIGN_IN, this::register)
                .on(Session.Login.class, Stage.BEFORE_SIGN_IN, this::login)
                .on(Session.GuestJoin.class, Stage.BEFORE_SIGN_IN, this::guest)
                .on(Session.Resume.class, Stage.BEFORE_SIGN_IN, this::resume);
    }

    private void hello(Call call, Session.Hello hello) {
        if (call.connection().helloDone()) {
            throw new Refusal(ErrorCode.CONFLICT, "You already said hello.");
        }
        if (!ProtocolVersion.isSupported(hello.protocol())) {
            call.fail(ErrorCode.UNSUPPORTED_VERSION, "This server speaks protocol " + ProtocolVersion.OLDEST_SUPPORTED
                    + " to " + ProtocolVersion.CURRENT + "; please update Parley.");
            call.connection().announceAndClose(CloseCodes.UNSUPPORTED_VERSION, "unsupported_version",
                    "unsupported protocol version");
            return;
        }
        call.connection().markHelloDone();
        dev.parley.server.settings.RoomSettings now = settings.current();
        call.reply(new Session.HelloOk(ProtocolVersion.CURRENT, now.name(), VERSION, now.guestsAllowed(),
                now.password() != null, Limits.MAX_FRAME_BYTES));
    }

    private void register(Call call, Session.Register request) {
        requireServerPassword(call, request.serverPassword());
        RegistrationMode mode = settings.current().registration();
        // Until the room has an admin, the host must be able to make the account that claims it with
        // the one-time code, whatever the mode; registering alone never makes an admin.
        boolean noAdminYet = room.accountsWithRole(Role.ADMIN) == 0;
        boolean adminNameOnly = config.adminUsername() != null && !AccountRepository.usernameKey(config.adminUsername())
                .equals(AccountRepository.usernameKey(request.username()));
        if (mode == RegistrationMode.CLOSED && (!noAdminYet || adminNameOnly)) {
            throw closed();
        }
        String code = request.invite();
        if (mode == RegistrationMode.INVITE && code == null && (!noAdminYet || adminNameOnly)) {
            throw inviteRequired();
        }
        // Counted on arrival, before the password hash: mass registration once locked everyone out (issue 11).
        long wait = registrations.tryAcquire(call.connection().remote().getAddress().getHostAddress());
        if (wait > 0) {
            throw new Refusal(ErrorCode.RATE_LIMITED,
                    "Too many new accounts; try again in " + Math.max(1, (wait + 999) / 1000) + " s.", wait);
        }
        gate.check(null, address(call), Role.MEMBER);
        signIn.checkNewAccountName(request.username());
        call.offload(() -> hasher.hash(request.password()), hash -> call.db(c -> {
            Role role = shouldBeAdmin(request.username(), accounts.count(c)) ? Role.ADMIN : Role.MEMBER;
            try {
                if (role != Role.ADMIN && !noAdminYet && mode == RegistrationMode.CLOSED) {
                    throw closed();
                }
                if (code != null) {
                    // In the same transaction as the account: a taken name gives the use back.
                    StoredInvite invite = invites.spend(c, code);
                    Role granted = role == Role.ADMIN ? role : invite.role();
                    return new Registered(accounts.create(c, request.username(), hash, granted), false,
                            invite.channelId());
                }
                if (role != Role.ADMIN && !noAdminYet && mode == RegistrationMode.INVITE) {
                    throw inviteRequired();
                }
                // The account that will claim the room's first admin is never held for approval:
                // nobody could approve it.
                return role != Role.ADMIN && !noAdminYet && mode == RegistrationMode.APPROVAL
                        ? new Registered(accounts.createPending(c, request.username(), hash), true, null)
                        : new Registered(accounts.create(c, request.username(), hash, role), false, null);
            } catch (UsernameTakenException e) {
                throw new Refusal(ErrorCode.USERNAME_TAKEN, "That username is taken.");
            }
        }, registered -> {
            if (registered.pending()) {
                call.reply(new Accounts.Pending(registered.account().id(), registered.account().username(),
                        "Your account waits for an admin's approval; sign in once it is approved."));
            } else {
                signIn.account(call, registered.account(), null, registered.landIn());
            }
        }));
    }

    /** @param landIn the channel an invite lands the new account in, or null */
    private record Registered(Account account, boolean pending, Long landIn) {
    }

    private static Refusal inviteRequired() {
        return new Refusal(ErrorCode.INVITE_REQUIRED,
                "This room takes new accounts by invite only; ask an admin or moderator for an invite link.");
    }

    private static Refusal closed() {
        return new Refusal(ErrorCode.REGISTRATION_CLOSED, "This room does not take new accounts.");
    }

    /**
     * Registering never makes an admin (that was a race a stranger could win, issue 11): the first
     * admin claims the room with its one-time code ({@code admin.claim}). Only a server started with
     * {@link ServerConfig#firstAccountIsAdmin()} (tests that set up a room in-process) still does.
     */
    private boolean shouldBeAdmin(String username, long existingAccounts) {
        return config.firstAccountIsAdmin() && existingAccounts == 0;
    }

    private void login(Call call, Session.Login request) {
        String accountKey = AccountRepository.usernameKey(request.username());
        GuessThrottle.Attempt attempt = admit(call, "account:" + accountKey);
        call.db(c -> accounts.findByUsername(c, request.username()), found -> call.offload(
                // An unknown name costs the same hash as a known one: the reply time must not tell them apart.
                () -> found.isPresent() ? found.filter(account -> hasher.verify(account.passwordHash(), request.password()))
                        : unknownAccount(request.password()),
                verified -> {
                    throttle.finished(attempt, verified.isPresent());
                    if (verified.isEmpty()) {
                        throw new Refusal(ErrorCode.BAD_CREDENTIALS, "Wrong username or password.");
                    }
                    gate.check(verified.get().id(), address(call), verified.get().role());
                    call.db(c -> accounts.isPending(c, verified.get().id()), pending -> {
                        if (pending) {
                            throw new Refusal(ErrorCode.ACCOUNT_PENDING,
                                    "Your account waits for an admin's approval.");
                        }
                        signIn.account(call, verified.get(), null);
                    });
                }));
    }

    private Optional<Account> unknownAccount(String password) {
        hasher.verifyUnknownAccount(password);
        return Optional.empty();
    }

    /**
     * Asks the throttle whether this guess may be checked now; refuses with the wait otherwise. The
     * caller reports the outcome with {@link GuessThrottle#finished}.
     */
    private GuessThrottle.Attempt admit(Call call, String secret) {
        GuessThrottle.Verdict verdict = throttle.begin(secret, GuessThrottle.addressKey(call.connection().remote().getAddress()));
        if (verdict instanceof GuessThrottle.Wait wait) {
            throw new Refusal(ErrorCode.RATE_LIMITED, "busy".equals(wait.why())
                    ? "Another sign-in check is under way; try again in a moment."
                    : "Too many failed attempts; try again in " + Math.max(1, (wait.millis() + 999) / 1000) + " s.",
                    wait.millis());
        }
        return (GuessThrottle.Attempt) verdict;
    }

    private void guest(Call call, Session.GuestJoin request) {
        if (!settings.current().guestsAllowed()) {
            throw new Refusal(ErrorCode.GUESTS_DISABLED, "This room does not take guests; please register.");
        }
        requireServerPassword(call, request.serverPassword());
        gate.check(null, address(call), Role.GUEST);
        signIn.guest(call, room.allocateGuestId(), request.nickname(), null);
    }

    private void resume(Call call, Session.Resume request) {
        Optional<SessionToken> token = tokens.verify(request.token());
        if (token.isEmpty()) {
            throw new Refusal(ErrorCode.INVALID_TOKEN, "Your session has expired; please sign in again.");
        }
        SessionToken claims = token.get();
        if (claims.guest()) {
            boolean sameRun = serverRun.equals(claims.serverRun());
            if (sameRun && gate.guestRevoked(claims.userId())) {
                throw new Refusal(ErrorCode.INVALID_TOKEN, "A moderator ended this session; please join again.");
            }
            gate.check(null, address(call), Role.GUEST);
            long id = sameRun ? claims.userId() : room.allocateGuestId();
            signIn.guest(call, id, claims.name(), request.presence());
            return;
        }
        call.db(c -> {
            Optional<Account> found = accounts.findById(c, claims.userId());
            return found.isEmpty() ? Optional.<Resumable>empty()
                    : Optional.of(new Resumable(found.get(), generations.current(c, found.get().id())));
        }, resumable -> {
            if (resumable.isEmpty()) {
                throw new Refusal(ErrorCode.INVALID_TOKEN, "That account no longer exists.");
            }
            if (resumable.get().generation() != claims.generation()) {
                // Kicked, banned, or the password changed since this token was issued.
                throw new Refusal(ErrorCode.INVALID_TOKEN, "This session was ended; please sign in again.");
            }
            Account account = resumable.get().account();
            gate.check(account.id(), address(call), account.role());
            signIn.account(call, account, request.presence());
        });
    }

    private record Resumable(Account account, long generation) {
    }

    private static String address(Call call) {
        return call.connection().remote().getAddress().getHostAddress();
    }

    /** The room password is a secret like any other: throttled per address, for the room, and globally. */
    private void requireServerPassword(Call call, String given) {
        String expected = settings.current().password();
        if (expected == null) {
            return;
        }
        GuessThrottle.Attempt attempt = admit(call, "room");
        boolean matches = given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
        throttle.finished(attempt, matches);
        if (!matches) {
            throw new Refusal(ErrorCode.SERVER_PASSWORD, "This room needs the right server password.");
        }
    }
}
