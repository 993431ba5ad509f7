package dev.parley.client.ui.admin;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Accounts;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.Moderation;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.RoomAdmin;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.AuditEntry;
import dev.parley.protocol.control.model.BanInfo;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Registration;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Everything the room lets its admins and moderators do, as requests and the lists they read:
 * settings, members and roles, bans, pending accounts, the audit log, channel permissions. Requests
 * go out from any thread; replies and events reach the properties through {@link UiThread}. The
 * properties and lists are UI thread only.
 */
public final class RoomAdminModel implements AutoCloseable {
    /** Members are read a page at a time; a room bigger than this many pages shows its first ones. */
    private static final int MAX_MEMBER_PAGES = 50;

    private final ControlClient client;
    private final UiThread ui;
    private final StringProperty notice = new SimpleStringProperty("");
    /** Whether the current notice tells of a refusal (shown as an error) rather than of something done. */
    private boolean noticeFailed;
    private final ObjectProperty<RoomAdmin.Info> settings = new SimpleObjectProperty<>();
    private final ObservableList<UserState> members = FXCollections.observableArrayList();
    private final ObservableList<BanInfo> bans = FXCollections.observableArrayList();
    private final ObservableList<Accounts.PendingAccount> pending = FXCollections.observableArrayList();
    private final ObservableList<AuditEntry> audit = FXCollections.observableArrayList();
    private final BooleanProperty auditHasMore = new SimpleBooleanProperty();
    private final List<Subscription> subscriptions = new ArrayList<>();

    public RoomAdminModel(ControlClient client, UiThread ui) {
        this.client = client;
        this.ui = ui;
        subscriptions.add(client.on(Users.StateChanged.class, changed -> ui.run(() -> memberChanged(changed.user()))));
        subscriptions.add(client.on(Moderation.UserRemoved.class,
                removed -> ui.run(() -> members.removeIf(member -> member.id() == removed.userId()))));
        subscriptions.add(client.on(RoomAdmin.Updated.class, updated -> ui.run(() -> settings.set(
                new RoomAdmin.Info(updated.name(), updated.guestsAllowed(), updated.passwordRequired(),
                        updated.registration())))));
    }

    /** The last sentence about what happened: a refusal in plain words, or what was done. */
    /** True when {@link #noticeProperty()} says what went wrong, false when it says what was done. UI thread. */
    public boolean noticeFailed() {
        return noticeFailed;
    }

    /** UI thread: the flag first, so whoever listens to the notice reads the right one. */
    private void tell(String sentence, boolean failure) {
        noticeFailed = failure;
        notice.set(sentence);
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public ObjectProperty<RoomAdmin.Info> settingsProperty() {
        return settings;
    }

    public ObservableList<UserState> members() {
        return members;
    }

    public ObservableList<BanInfo> bans() {
        return bans;
    }

    public ObservableList<Accounts.PendingAccount> pending() {
        return pending;
    }

    public ObservableList<AuditEntry> audit() {
        return audit;
    }

    public BooleanProperty auditHasMoreProperty() {
        return auditHasMore;
    }

    // ---- settings ---------------------------------------------------------------------------------

    public CompletableFuture<?> loadSettings() {
        return ask(RoomAdmin.Update::read, RoomAdmin.Info.class, info -> settings.set(info));
    }

    /** @param password null keeps the room password, "" removes it */
    public CompletableFuture<?> saveSettings(String name, String password, boolean guestsAllowed, Registration registration) {
        return ask(() -> new RoomAdmin.Update(name, password, guestsAllowed, registration), RoomAdmin.Info.class, info -> {
            settings.set(info);
            tell("Room settings saved.", false);
        });
    }

    // ---- members and roles ----------------------------------------------------------------------

    public CompletableFuture<?> loadMembers() {
        List<UserState> found = new ArrayList<>();
        return loadMembersAfter(null, found, 0).whenComplete((done, failure) -> {
            if (failure == null) {
                ui.run(() -> members.setAll(found));
            }
        });
    }

    private CompletableFuture<?> loadMembersAfter(String after, List<UserState> found, int pages) {
        return client.request(new Directory.ListMembers(after, null), Directory.MemberPage.class).thenCompose(page -> {
            found.addAll(page.members());
            if (page.hasMore() && !page.members().isEmpty() && pages + 1 < MAX_MEMBER_PAGES) {
                return loadMembersAfter(page.members().get(page.members().size() - 1).user().name(), found, pages + 1);
            }
            return CompletableFuture.completedFuture(null);
        }).whenComplete((done, failure) -> failed(failure));
    }

    public CompletableFuture<?> setRole(long userId, String name, Role role) {
        return ok(() -> new Users.SetRole(userId, role), name + " is now " + article(role) + ".");
    }

    public CompletableFuture<?> kick(long userId, String name, String reason) {
        return ok(() -> new Users.Kick(userId, blankToNull(reason)), name + " was kicked.");
    }

    public CompletableFuture<?> mute(long userId, String name, boolean muted) {
        return ok(() -> new Users.Mute(userId, muted), name + (muted ? " is muted." : " is unmuted."));
    }

    public CompletableFuture<?> deleteAccount(long userId, String name, String reason) {
        return ok(() -> new Moderation.DeleteUser(userId, blankToNull(reason)), "The account " + name + " was deleted.");
    }

    // ---- bans -----------------------------------------------------------------------------------

    public CompletableFuture<?> ban(long userId, String name, BanChoice choice) {
        return ok(() -> choice.request(userId), name + " is banned " + choice.duration().words() + ".")
                .thenCompose(done -> loadBans());
    }

    public CompletableFuture<?> loadBans() {
        return ask(() -> new Moderation.BanList(null, null), Moderation.BanPage.class, page -> bans.setAll(page.bans()));
    }

    public CompletableFuture<?> liftBan(BanInfo ban) {
        return ok(() -> new Moderation.BanLift(ban.id()), "The ban on " + ban.name() + " is lifted.").thenCompose(done -> loadBans());
    }

    // ---- approvals ------------------------------------------------------------------------------

    public CompletableFuture<?> loadPending() {
        return ask(() -> new Accounts.ListPending(null, null), Accounts.PendingPage.class, page -> pending.setAll(page.accounts()));
    }

    public CompletableFuture<?> approve(Accounts.PendingAccount account) {
        return ok(() -> new Accounts.Approve(account.id()), account.username() + " may sign in now.")
                .thenCompose(done -> loadPending());
    }

    public CompletableFuture<?> reject(Accounts.PendingAccount account) {
        return ok(() -> new Accounts.Reject(account.id()), account.username() + "'s request was turned down.")
                .thenCompose(done -> loadPending());
    }

    // ---- audit log ------------------------------------------------------------------------------

    public CompletableFuture<?> loadAudit() {
        return ask(() -> new Moderation.AuditList(null, null), Moderation.AuditPage.class, page -> {
            audit.setAll(page.entries());
            auditHasMore.set(page.hasMore());
        });
    }

    public CompletableFuture<?> loadOlderAudit() {
        Long before = audit.isEmpty() ? null : audit.get(audit.size() - 1).id();
        return ask(() -> new Moderation.AuditList(before, null), Moderation.AuditPage.class, page -> {
            audit.addAll(page.entries());
            auditHasMore.set(page.hasMore());
        });
    }

    // ---- channel permissions --------------------------------------------------------------------

    /** Sets ({@code allowed} true or false) or clears (null) one override; several go out together. */
    public CompletableFuture<?> setPermissions(long channelId, String channelName, List<PermissionChange> changes) {
        List<CompletableFuture<Ok>> sent = changes.stream()
                .map(change -> client.requestOk(new Channels.SetPermission(channelId, change.role(), change.permission(),
                        change.allowed())))
                .toList();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            failed(failure);
            if (failure == null) {
                ui.run(() -> tell(changes.isEmpty() ? "Nothing to change."
                        : "Permissions of #" + channelName + " changed (" + changes.size() + ").", false));
            }
        });
    }

    /**
     * Where every permission of every role below admin stands in a channel now (what the editor opens
     * with). Completes on the UI thread; a refusal also becomes the notice.
     */
    public CompletableFuture<List<dev.parley.protocol.control.model.PermissionState>> loadPermissions(long channelId) {
        CompletableFuture<List<dev.parley.protocol.control.model.PermissionState>> result = new CompletableFuture<>();
        client.request(new Channels.ListPermissions(channelId), Channels.Permissions.class).whenComplete((reply, failure) -> {
            failed(failure);
            ui.run(() -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(reply.permissions());
                }
            });
        });
        return result;
    }

    /** One permission of one role in one channel: allow, deny, or (null) follow the parent again. */
    public record PermissionChange(Role role, Permission permission, Boolean allowed) {
    }

    // ---- plumbing -------------------------------------------------------------------------------

    private <R extends dev.parley.protocol.control.message.Reply> CompletableFuture<R> ask(
            Supplier<Request> request, Class<R> type, java.util.function.Consumer<R> then) {
        Request built;
        try {
            built = request.get();
        } catch (RuntimeException invalid) {
            failed(invalid);
            return CompletableFuture.failedFuture(invalid);
        }
        return client.request(built, type).whenComplete((reply, failure) -> {
            failed(failure);
            if (failure == null) {
                ui.run(() -> then.accept(reply));
            }
        });
    }

    /** The request is built here, so a value the protocol refuses (a reason too long) becomes a sentence too. */
    private CompletableFuture<Ok> ok(Supplier<Request> request, String done) {
        Request built;
        try {
            built = request.get();
        } catch (RuntimeException invalid) {
            failed(invalid);
            return CompletableFuture.failedFuture(invalid);
        }
        return client.requestOk(built).whenComplete((reply, failure) -> {
            failed(failure);
            if (failure == null) {
                ui.run(() -> tell(done, false));
            }
        });
    }

    private void failed(Throwable failure) {
        if (failure != null) {
            String sentence = Failures.sentence(failure);
            ui.run(() -> tell(sentence, true));
        }
    }

    private void memberChanged(UserState user) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id() == user.id()) {
                members.set(i, user);
                return;
            }
        }
        if (user.id() > 0 && !members.isEmpty()) {
            members.add(user);
        }
    }

    private static String article(Role role) {
        return switch (role) {
            case ADMIN -> "an admin";
            case MODERATOR -> "a moderator";
            case MEMBER -> "a member";
            case GUEST -> "a guest";
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Override
    public void close() {
        client.eventLoop().executeIfRunning(() -> subscriptions.forEach(Subscription::close));
    }
}
