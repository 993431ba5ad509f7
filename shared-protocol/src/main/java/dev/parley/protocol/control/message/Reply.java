package dev.parley.protocol.control.message;

/** Server to client, answering one request: its envelope carries the request's id. */
public sealed interface Reply extends Message permits
        Ok, ErrorReply, Session.HelloOk, Session.AuthOk, Session.Pong, Channels.Created, Chat.Sent, Chat.Page, Chat.Directs,
        Voice.Ready, Calls.Ringing, E2e.IdentitiesInfo, E2e.KeysInfo,
        Accounts.TokenRenewed, Moderation.BanPage, Moderation.AuditPage,
        Directory.ChannelPage, Directory.UserPage, Directory.MemberPage, Directory.ReactorPage,
        Accounts.Pending, Accounts.PendingPage,
        RoomAdmin.Info, Channels.Permissions,
        Search.Results, Search.Context,
        Invites.Created, Invites.Page, Friends.FriendList, Friends.Privacy,
        Files.UploadReady, Files.UploadProgress, Files.Chunk,
        Notify.Settings {
}
