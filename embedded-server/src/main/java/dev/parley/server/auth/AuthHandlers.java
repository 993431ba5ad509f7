package dev.parley.server.auth;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ServerConfig;
import dev.parley.server.control.Call;
import dev.parley.server.control.CloseCodes;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.control.RequestRouter.Stage;
import dev.parley.server.room.Room;
import dev.parley.server.session.SignIn;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Hello, registration, password and guest sign-in, and resuming with a token. Room thread only. */
public final class AuthHandlers {
    private static final String VERSION = "0.1.0";

    private final ServerConfig config;
    private final Room room;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final GuessThrottle throttle;
    private final SignIn signIn;
    private final String serverRun;

    public AuthHandlers(ServerConfig config, Room room, AccountRepository accounts, PasswordHasher hasher,
                        TokenService tokens, GuessThrottle throttle, SignIn signIn, String serverRun) {
        this.config = config;
        this.room = room;
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.signIn = signIn;
        this.serverRun = serverRun;
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
        call.reply(new Session.HelloOk(ProtocolVersion.CURRENT, config.roomName(), VERSION, config.guestsAllowed(),
                config.serverPassword() != null, Limits.MAX_FRAME_BYTES));
    }

    private void register(Call call, Session.Register request) {
        requireServerPassword(call, request.serverPassword());
        call.offload(() -> hasher.hash(request.password()), hash -> call.db(c -> {
            Role role = shouldBeAdmin(request.username(), accounts.count(c)) ? Role.ADMIN : Role.MEMBER;
            try {
                return accounts.create(c, request.username(), hash, role);
            } catch (UsernameTakenException e) {
                throw new Refusal(ErrorCode.USERNAME_TAKEN, "That username is taken.");
            }
        }, account -> signIn.account(call, account, null)));
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
                    signIn.account(call, verified.get(), null);
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
        if (!config.guestsAllowed()) {
            throw new Refusal(ErrorCode.GUESTS_DISABLED, "This room does not take guests; please register.");
        }
        requireServerPassword(call, request.serverPassword());
        signIn.guest(call, room.allocateGuestId(), request.nickname(), null);
    }

    private void resume(Call call, Session.Resume request) {
        Optional<SessionToken> token = tokens.verify(request.token());
        if (token.isEmpty()) {
            throw new Refusal(ErrorCode.INVALID_TOKEN, "Your session has expired; please sign in again.");
        }
        SessionToken claims = token.get();
        if (claims.guest()) {
            long id = serverRun.equals(claims.serverRun()) ? claims.userId() : room.allocateGuestId();
            signIn.guest(call, id, claims.name(), request.presence());
            return;
        }
        call.db(c -> accounts.findById(c, claims.userId()), account -> {
            if (account.isEmpty()) {
                throw new Refusal(ErrorCode.INVALID_TOKEN, "That account no longer exists.");
            }
            signIn.account(call, account.get(), request.presence());
        });
    }

    /** The room password is a secret like any other: throttled per address, for the room, and globally. */
    private void requireServerPassword(Call call, String given) {
        String expected = config.serverPassword();
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
