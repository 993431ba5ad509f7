package dev.parley.protocol.control;

import dev.parley.protocol.control.message.Accounts;
import dev.parley.protocol.control.message.Admin;
import dev.parley.protocol.control.message.Calls;
import dev.parley.protocol.control.message.E2e;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.message.Invites;
import dev.parley.protocol.control.message.Files;
import dev.parley.protocol.control.message.Message;
import dev.parley.protocol.control.message.Moderation;
import dev.parley.protocol.control.message.Notify;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.message.RoomAdmin;
import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.message.Voice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable wire name of every message type. Names are part of the contract: never derive them
 * from class names, never rename one.
 */
public final class MessageTypes {
    private static final Map<String, Class<? extends Message>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<? extends Message>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        register("hello", Session.Hello.class);
        register("hello.ok", Session.HelloOk.class);
        register("auth.register", Session.Register.class);
        register("auth.login", Session.Login.class);
        register("auth.guest", Session.GuestJoin.class);
        register("auth.resume", Session.Resume.class);
        register("auth.ok", Session.AuthOk.class);
        register("presence.set", Session.SetPresence.class);
        register("ping", Session.Ping.class);
        register("pong", Session.Pong.class);
        register("session.closing", Session.Closing.class);
        register("room.closing", Session.RoomClosing.class);
        register("ok", Ok.class);
        register("error", ErrorReply.class);

        register("channel.create", Channels.Create.class);
        register("channel.created", Channels.Created.class);
        register("channel.update", Channels.Update.class);
        register("channel.delete", Channels.Delete.class);
        register("channel.password", Channels.SetPassword.class);
        register("channel.rekey", Channels.Rekey.class);
        register("channel.permission", Channels.SetPermission.class);
        register("channel.permissions", Channels.ListPermissions.class);
        register("channel.permissions.info", Channels.Permissions.class);
        register("channel.join", Channels.Join.class);
        register("channel.added", Channels.Added.class);
        register("channel.updated", Channels.Updated.class);
        register("channel.removed", Channels.Removed.class);

        register("user.role", Users.SetRole.class);
        register("admin.claim", Admin.Claim.class);
        register("user.move", Users.Move.class);
        register("user.kick", Users.Kick.class);
        register("user.mute", Users.Mute.class);
        register("user.state", Users.StateChanged.class);
        register("user.moved", Users.Moved.class);

        register("chat.send", Chat.Send.class);
        register("chat.sent", Chat.Sent.class);
        register("chat.edit", Chat.Edit.class);
        register("chat.delete", Chat.Delete.class);
        register("chat.react", Chat.React.class);
        register("chat.history", Chat.History.class);
        register("chat.page", Chat.Page.class);
        register("chat.typing", Chat.Typing.class);
        register("chat.read", Chat.MarkRead.class);
        register("chat.catchup", Chat.CatchUp.class);
        register("chat.directs", Chat.ListDirects.class);
        register("chat.directs.list", Chat.Directs.class);
        register("chat.message", Chat.Posted.class);
        register("chat.edited", Chat.Edited.class);
        register("chat.deleted", Chat.Deleted.class);
        register("chat.reactions", Chat.ReactionsChanged.class);
        register("chat.typing.changed", Chat.TypingChanged.class);

        register("voice.start", Voice.Start.class);
        register("voice.ready", Voice.Ready.class);
        register("voice.stop", Voice.Stop.class);
        register("voice.state", Voice.SetState.class);
        register("voice.talking", Voice.Talking.class);
        register("voice.target", Voice.SetTarget.class);

        register("account.password", Accounts.ChangePassword.class);
        register("account.token", Accounts.TokenRenewed.class);
        register("account.delete", Accounts.DeleteOwn.class);
        register("user.ban", Moderation.Ban.class);
        register("ban.list", Moderation.BanList.class);
        register("ban.page", Moderation.BanPage.class);
        register("ban.lift", Moderation.BanLift.class);
        register("user.delete", Moderation.DeleteUser.class);
        register("user.removed", Moderation.UserRemoved.class);
        register("audit.list", Moderation.AuditList.class);
        register("audit.page", Moderation.AuditPage.class);

        register("channels.list", Directory.ListChannels.class);
        register("channels.page", Directory.ChannelPage.class);
        register("users.list", Directory.ListUsers.class);
        register("users.page", Directory.UserPage.class);
        register("members.list", Directory.ListMembers.class);
        register("members.page", Directory.MemberPage.class);
        register("chat.reaction.users", Directory.ListReactors.class);
        register("chat.reaction.page", Directory.ReactorPage.class);

        register("auth.pending", Accounts.Pending.class);
        register("account.pending.list", Accounts.ListPending.class);
        register("account.pending.page", Accounts.PendingPage.class);
        register("account.approve", Accounts.Approve.class);
        register("account.reject", Accounts.Reject.class);

        register("room.settings", RoomAdmin.Update.class);
        register("room.info", RoomAdmin.Info.class);
        register("room.updated", RoomAdmin.Updated.class);

        register("chat.search", Search.Query.class);
        register("chat.search.results", Search.Results.class);
        register("chat.around", Search.Around.class);
        register("chat.context", Search.Context.class);
        register("invite.create", Invites.Create.class);
        register("invite.created", Invites.Created.class);
        register("invite.list", Invites.ListInvites.class);
        register("invite.page", Invites.Page.class);
        register("invite.revoke", Invites.Revoke.class);
        register("friend.request", Friends.Ask.class);
        register("friend.accept", Friends.Accept.class);
        register("friend.decline", Friends.Decline.class);
        register("friend.cancel", Friends.Cancel.class);
        register("friend.remove", Friends.Remove.class);
        register("friend.list", Friends.ListFriends.class);
        register("friend.page", Friends.FriendList.class);
        register("friend.privacy", Friends.SetPrivacy.class);
        register("friend.privacy.info", Friends.Privacy.class);
        register("friend.changed", Friends.Changed.class);
        register("file.upload", Files.UploadStart.class);
        register("file.upload.ready", Files.UploadReady.class);
        register("file.upload.resume", Files.UploadResume.class);
        register("file.upload.chunk", Files.UploadChunk.class);
        register("file.upload.progress", Files.UploadProgress.class);
        register("file.upload.finish", Files.UploadFinish.class);
        register("file.upload.cancel", Files.UploadCancel.class);
        register("file.get", Files.Download.class);
        register("file.chunk", Files.Chunk.class);
        register("notify.set", Notify.Set.class);
        register("notify.list", Notify.ListSettings.class);
        register("notify.settings", Notify.Settings.class);
        register("call.ring", Calls.Ring.class);
        register("call.ringing", Calls.Ringing.class);
        register("call.accept", Calls.Accept.class);
        register("call.decline", Calls.Decline.class);
        register("call.hangup", Calls.Hangup.class);
        register("call.state", Calls.Changed.class);

        register("e2e.identity.set", E2e.PublishIdentity.class);
        register("e2e.identities", E2e.Identities.class);
        register("e2e.identities.info", E2e.IdentitiesInfo.class);
        register("e2e.keys", E2e.Keys.class);
        register("e2e.keys.info", E2e.KeysInfo.class);

        register("record.start", Recording.Start.class);
        register("record.stop", Recording.Stop.class);
        register("record.state", Recording.State.class);
    }

    private MessageTypes() {
    }

    private static void register(String name, Class<? extends Message> type) {
        if (BY_NAME.put(name, type) != null || BY_CLASS.put(type, name) != null) {
            throw new IllegalStateException("duplicate message type " + name);
        }
    }

    public static Optional<Class<? extends Message>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static String wireName(Class<? extends Message> type) {
        String name = BY_CLASS.get(type);
        if (name == null) {
            throw new IllegalArgumentException("unregistered message type " + type.getName());
        }
        return name;
    }

    public static Map<String, Class<? extends Message>> all() {
        return Map.copyOf(BY_NAME);
    }
}
