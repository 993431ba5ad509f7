package dev.parley.protocol.control.message;

/** Server to client, unsolicited: something changed in the room. Events carry no id. */
public sealed interface Event extends Message permits
        Session.Closing, Session.RoomClosing,
        Channels.Added, Channels.Updated, Channels.Removed,
        Users.StateChanged, Users.Moved,
        Chat.Posted, Chat.Edited, Chat.Deleted, Chat.ReactionsChanged, Chat.TypingChanged,
        Voice.Talking,
        Moderation.UserRemoved,
        RoomAdmin.Updated,
        Friends.Changed,
        Recording.State, Calls.Changed {
}
