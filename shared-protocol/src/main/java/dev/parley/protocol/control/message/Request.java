package dev.parley.protocol.control.message;

/** Client to server; always answered by a reply carrying the request's id. */
public sealed interface Request extends Message permits
        Session.Hello, Session.Register, Session.Login, Session.GuestJoin, Session.Resume,
        Session.SetPresence, Session.Ping,
        Channels.Create, Channels.Update, Channels.Delete, Channels.SetPassword, Channels.SetPermission,
        Channels.Join, Channels.ListPermissions, Channels.Rekey,
        E2e.PublishIdentity, E2e.Identities, E2e.Keys,
        Users.SetRole, Users.Move, Users.Kick, Users.Mute,
        Chat.Send, Chat.Edit, Chat.Delete, Chat.React, Chat.History, Chat.Typing, Chat.MarkRead,
        Chat.CatchUp, Chat.ListDirects,
        Voice.Start, Voice.Stop, Voice.SetState, Voice.SetTarget,
        Accounts.ChangePassword, Accounts.DeleteOwn,
        Moderation.Ban, Moderation.BanList, Moderation.BanLift, Moderation.DeleteUser, Moderation.AuditList,
        Directory.ListChannels, Directory.ListUsers, Directory.ListMembers, Directory.ListReactors,
        Accounts.ListPending, Accounts.Approve, Accounts.Reject,
        Admin.Claim,
        RoomAdmin.Update,
        Search.Query, Search.Around,
        Invites.Create, Invites.ListInvites, Invites.Revoke,
        Friends.Ask, Friends.Accept, Friends.Decline, Friends.Cancel, Friends.Remove, Friends.ListFriends,
        Friends.SetPrivacy,
        Files.UploadStart, Files.UploadResume, Files.UploadChunk, Files.UploadFinish, Files.UploadCancel,
        Files.Download,
        Notify.Set, Notify.ListSettings,
        Recording.Start, Recording.Stop,
        Calls.Ring, Calls.Accept, Calls.Decline, Calls.Hangup {
}
