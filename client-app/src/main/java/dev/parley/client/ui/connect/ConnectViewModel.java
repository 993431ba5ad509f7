package dev.parley.client.ui.connect;

import dev.parley.client.core.discovery.TcpPing;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.JoinLink;
import dev.parley.protocol.tls.Fingerprint;
import java.util.concurrent.atomic.AtomicReference;
import dev.parley.client.ui.app.AppContext;
import dev.parley.client.ui.app.RecentServer;
import dev.parley.client.ui.app.RoomSession;
import dev.parley.client.ui.fx.Failures;
import dev.parley.protocol.control.ProtocolException;
import dev.parley.server.discovery.DiscoveredRoom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The join form: address, name, password or guest nickname, recent servers and rooms on the LAN.
 * UI thread only; {@link #connect()} never blocks it.
 */
public final class ConnectViewModel {
    private final AppContext context;
    private final StringProperty host = new SimpleStringProperty("127.0.0.1");
    private final StringProperty port = new SimpleStringProperty("7720");
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty serverPassword = new SimpleStringProperty("");
    private final ObjectProperty<SignInMode> mode = new SimpleObjectProperty<>(SignInMode.LOG_IN);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** While joining: which step the sign-in is at, for the line beside the greyed Join button. */
    private final javafx.beans.property.StringProperty stage = new javafx.beans.property.SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    /** What the LAN list says while it is empty: looking, off, or why it cannot look. */
    private final StringProperty lanHint = new SimpleStringProperty();
    private final ObservableList<RecentServer> recentServers = FXCollections.observableArrayList();
    private final ObservableList<LanRoom> lanRooms = FXCollections.observableArrayList();
    /** Last ping per LAN room (service name), kept across list updates; the address it was measured to. */
    private final Map<String, LanRoom> pinged = new HashMap<>();
    /** The certificate the LAN room chosen from the list announced; forgotten as soon as the address is edited. */
    private final ObjectProperty<Fingerprint> announced = new SimpleObjectProperty<>();
    /** The certificate an opened invite link vouches for; forgotten as soon as the address is edited. */
    private final ObjectProperty<Fingerprint> invited = new SimpleObjectProperty<>();

    /** The invite code an opened link carries, sent when creating the account; forgotten as soon as the address is edited. */
    private final StringProperty invite = new SimpleStringProperty("");
    /** What the form says about the invite it was opened with; empty without one. */
    private final StringProperty inviteNote = new SimpleStringProperty("");

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private static final String LOOKING = "Looking for rooms on your network…";

    public ConnectViewModel(AppContext context) {
        this.context = context;
        lanHint.set(context.lanDiscovery() ? LOOKING
                : "LAN discovery is off, so rooms on your network are not listed. Type the host's address above,"
                        + " or open the invite link the host gave you.");
        host.addListener((obs, old, now) -> invited.set(null));
        port.addListener((obs, old, now) -> invited.set(null));
        host.addListener((obs, old, now) -> forgetInvite());
        port.addListener((obs, old, now) -> forgetInvite());
        host.addListener((obs, old, now) -> announced.set(null));
        port.addListener((obs, old, now) -> announced.set(null));
        recentServers.setAll(context.preferences().get().recentServers());
        username.set(context.preferences().get().username());
        if (!recentServers.isEmpty()) {
            choose(recentServers.get(0));
        }
    }

    /**
     * Fills the address from an invite link; its fingerprint (if any) decides trust for this join. A link
     * with an invite code switches the form to "Create account" with that code: the newcomer only
     * chooses a name and a password.
     */
    public void chooseInvite(JoinLink link) {
        host.set(link.host());
        port.set(Integer.toString(link.port()));
        invited.set(link.pinned().orElse(null));
        link.inviteCode().ifPresent(code -> {
            invite.set(code);
            mode.set(SignInMode.REGISTER);
            inviteNote.set("You were invited to " + link.host() + ":" + link.port()
                    + ". Choose a name and a password to create your account.");
        });
    }

    /**
     * A {@code parley://} link typed or pasted where the address goes: the form is filled from it as if
     * it had been opened. Says in the error line why a damaged link cannot be used.
     *
     * @return whether the link could be used
     */
    public boolean openLink(String text) {
        try {
            JoinLink link = JoinLink.parse(text.strip());
            error.set("");
            chooseInvite(link);
            if (link.hasNickname() && link.inviteCode().isEmpty()) {
                mode.set(SignInMode.GUEST);
                username.set(link.nickname());
            }
            return true;
        } catch (IllegalArgumentException e) {
            error.set(Failures.plain(e.getMessage()));
            return false;
        }
    }

    /**
     * A link opened by someone the form knows no name for (the host's "Copy invite" carries none): instead of
     * failing at once with "Enter your username.", the form waits on "Create account" and says what to do.
     *
     * @return whether the form now waits for a name
     */
    public boolean waitForNameAfter(JoinLink link) {
        if (!username.get().isBlank() || link.hasNickname()) {
            return false;
        }
        error.set("");
        mode.set(SignInMode.REGISTER);
        inviteNote.set("Joining " + link.host() + ":" + link.port() + ". Choose a name and a password to create your"
                + " account, or pick \"Log in\" or \"Join as guest\" under Sign in.");
        return true;
    }

    /** Whether the form holds an invite that still needs a name and password before it can be used. */
    public boolean inviteNeedsAccount() {
        return !invite.get().isEmpty() && (username.get().isBlank() || password.get().isEmpty());
    }

    private void forgetInvite() {
        invited.set(null);
        invite.set("");
        inviteNote.set("");
    }

    /** The invite code the form registers with; empty without one. */
    public StringProperty inviteProperty() {
        return invite;
    }

    public javafx.beans.property.ReadOnlyStringProperty inviteNoteProperty() {
        return inviteNote;
    }

    /**
     * The host's "Copy invite" says "paste it to your friends", and a friend pastes it where an address
     * goes: a {@code parley://} link typed or pasted into the address field fills the form in from it (its
     * fingerprint then decides trust, as when the link is opened). A damaged link says so; nothing else is
     * touched. Returns whether the address held a usable link.
     */
    public boolean takeLinkFromAddress() {
        String text = host.get();
        return JoinLink.isLink(text == null ? null : text.strip()) && openLink(text);
    }

    public ObjectProperty<Fingerprint> invitedProperty() {
        return invited;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty serverPasswordProperty() {
        return serverPassword;
    }

    public ObjectProperty<SignInMode> modeProperty() {
        return mode;
    }

    public javafx.beans.property.ReadOnlyStringProperty stageProperty() {
        return stage;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObservableList<RecentServer> recentServers() {
        return recentServers;
    }

    public ObservableList<LanRoom> lanRooms() {
        return lanRooms;
    }

    /** The server password only matters for new accounts and guests. */
    public BooleanBinding needsServerPassword() {
        return Bindings.createBooleanBinding(() -> mode.get() != SignInMode.LOG_IN, mode);
    }

    public BooleanBinding needsPassword() {
        return Bindings.createBooleanBinding(() -> mode.get() != SignInMode.GUEST, mode);
    }

    /** Fills the form from a recent server; what went wrong with the last form no longer applies. */
    public void choose(RecentServer server) {
        error.set("");
        host.set(server.host());
        port.set(Integer.toString(server.port()));
        if (!server.username().isEmpty()) {
            username.set(server.username());
        }
        mode.set(server.guest() ? SignInMode.GUEST : SignInMode.LOG_IN);
    }

    /**
     * Fills the form from a room found on the LAN. Its announced fingerprint decides trust for this
     * join: the same certificate joins without a question, another one asks as usual.
     */
    public void choose(DiscoveredRoom room) {
        host.set(room.host());
        port.set(Integer.toString(room.port()));
        announced.set(room.fingerprint());
    }

    public ObjectProperty<Fingerprint> announcedProperty() {
        return announced;
    }

    /** Fills the form from a LAN room and joins it. */
    public CompletableFuture<RoomSession> join(DiscoveredRoom room) {
        choose(room);
        return connect();
    }

    public javafx.beans.property.ReadOnlyStringProperty lanHintProperty() {
        return lanHint;
    }

    /** The LAN list could not start (no usable interface, the port taken); from any thread. */
    public void lanUnavailable(String why) {
        context.ui().run(() -> lanHint.set("Rooms on your network cannot be listed (" + why
                + "). Type the host's address above, or open the invite link the host gave you."));
    }

    /** Called with every new LAN list, from any thread; rooms not yet pinged are pinged in the background. */
    public void lanRoomsChanged(List<DiscoveredRoom> rooms) {
        context.ui().run(() -> {
            pinged.keySet().retainAll(rooms.stream().map(DiscoveredRoom::serviceName).toList());
            List<LanRoom> rows = new java.util.ArrayList<>();
            for (DiscoveredRoom room : rooms) {
                LanRoom known = pinged.get(room.serviceName());
                boolean sameAddress = known != null && known.room().address().equals(room.address());
                rows.add(new LanRoom(room, sameAddress ? known.pingMillis() : -1));
                if (!sameAddress) {
                    pinged.put(room.serviceName(), new LanRoom(room, -1));
                    ping(room);
                }
            }
            lanRooms.setAll(rows);
        });
    }

    /** Measures every listed room's ping again (the start screen does so every few seconds while shown). */
    public void refreshPings() {
        lanRooms.forEach(row -> ping(row.room()));
    }

    private void ping(DiscoveredRoom room) {
        try {
            context.background().execute(() -> measure(room));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // The app is closing (its background executor stopped): a ping no longer matters.
        }
    }

    /** Background thread: one TCP round trip, then the row is updated on the UI thread. */
    private void measure(DiscoveredRoom room) {
        long millis = TcpPing.millis(room.host(), room.port(), PING_TIMEOUT).orElse(-1);
        context.ui().run(() -> {
            LanRoom known = pinged.get(room.serviceName());
            if (known == null || !known.room().address().equals(room.address())) {
                return; // gone or moved meanwhile
            }
            pinged.put(room.serviceName(), new LanRoom(room, millis));
            for (int i = 0; i < lanRooms.size(); i++) {
                LanRoom row = lanRooms.get(i);
                if (row.room().serviceName().equals(room.serviceName())) {
                    lanRooms.set(i, new LanRoom(row.room(), millis));
                }
            }
        });
    }

    /**
     * Signs in with what the form says. The future completes on the UI thread with the session, or
     * fails after {@link #errorProperty()} got the reason.
     */
    public CompletableFuture<RoomSession> connect() {
        error.set("");
        if (JoinLink.isLink(host.get() == null ? null : host.get().strip()) && !takeLinkFromAddress()) {
            IllegalArgumentException damaged = new IllegalArgumentException(error.get());
            return CompletableFuture.failedFuture(damaged);
        }
        int portNumber;
        Credentials credentials;
        try {
            portNumber = parsePort(port.get());
            credentials = credentials();
            credentials.toRequest(); // validates name and password lengths before anything goes out
        } catch (IllegalArgumentException | ProtocolException invalid) {
            error.set(Failures.plain(invalid.getMessage()));
            return CompletableFuture.failedFuture(invalid);
        }
        String address = host.get().strip();
        busy.set(true);
        stage.set("Connecting to " + address + ":" + portNumber + "…");
        CompletableFuture<RoomSession> result = new CompletableFuture<>();
        Fingerprint expected = invited.get();
        Fingerprint lanAnnounced = announced.get();
        AtomicReference<Fingerprint> refused = new AtomicReference<>();
        FingerprintDecision byInvite = expected == null ? null : contact -> {
            boolean same = expected.matches(contact.fingerprint());
            if (!same) {
                refused.set(contact.fingerprint());
            }
            return CompletableFuture.completedFuture(same);
        };
        FingerprintDecision decision = byInvite != null ? byInvite
                : lanAnnounced != null ? context.sessions().announcedOnLan(lanAnnounced) : null;
        java.util.function.Consumer<String> stages = step -> context.ui().run(() -> {
            if (busy.get()) {
                stage.set(step);
            }
        });
        context.sessions().connect(address, portNumber, credentials, null, decision, stages).whenComplete((session, failure) ->
                context.ui().run(() -> {
                    busy.set(false);
                    stage.set("");
                    if (failure != null) {
                        error.set(inviteRefused(failure) ? "Your invite did not work: " + Failures.sentence(failure)
                                : refused.get() != null
                                ? "Not joined: the room at " + address + ":" + portNumber + " is not the one your invite"
                                        + " names (it shows certificate " + refused.get() + ", the invite says " + expected
                                        + "). Someone may be pretending to be it. Ask the host for a new invite."
                                : Failures.sentence(failure));
                        result.completeExceptionally(failure);
                        return;
                    }
                    password.set("");
                    if (credentials instanceof Credentials.Register register && register.invite() != null) {
                        forgetInvite(); // spent: an account exists now, the next join logs in
                    }
                    context.preferences().update(prefs -> prefs.withRecentServer(session.server())
                            .withUsername(session.server().guest() ? prefs.username() : session.server().username()));
                    recentServers.setAll(context.preferences().get().recentServers());
                    result.complete(session);
                }));
        return result;
    }

    private Credentials credentials() {
        String name = username.get().strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(mode.get() == SignInMode.GUEST ? "Choose a nickname." : "Enter your username.");
        }
        String roomPassword = serverPassword.get().isEmpty() ? null : serverPassword.get();
        return switch (mode.get()) {
            case LOG_IN -> {
                requirePassword();
                yield new Credentials.Login(name, password.get());
            }
            case REGISTER -> {
                requirePassword();
                yield new Credentials.Register(name, password.get(), roomPassword, invite.get().isEmpty() ? null : invite.get());
            }
            case GUEST -> new Credentials.Guest(name, roomPassword);
        };
    }

    private static boolean inviteRefused(Throwable failure) {
        for (Throwable at = failure; at != null; at = at.getCause()) {
            if (at instanceof dev.parley.client.core.net.RequestFailed refused
                    && refused.code() == dev.parley.protocol.control.ErrorCode.INVITE_INVALID) {
                return true;
            }
        }
        return false;
    }

    private void requirePassword() {
        if (password.get().isEmpty()) {
            throw new IllegalArgumentException("Enter your password.");
        }
    }

    static int parsePort(String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 1 || value > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port is a number from 1 to 65535.");
        }
    }
}
