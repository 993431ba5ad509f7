package dev.parley.server.directory;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.control.Call;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;

/**
 * The lists that grow with the room, a page at a time: channels by id, online users by id, every
 * account by name. Each page is bounded by count and bytes ({@link PageFiller}). Room thread only.
 */
public final class DirectoryHandlers {
    private final Room room;
    private final PageFiller pages;

    public DirectoryHandlers(Room room, ControlCodec codec) {
        this.room = room;
        this.pages = new PageFiller(codec);
    }

    public void registerOn(RequestRouter router) {
        router.on(Directory.ListChannels.class, this::channels)
                .on(Directory.ListUsers.class, this::users)
                .on(Directory.ListMembers.class, this::members);
    }

    private void channels(Call call, Directory.ListChannels request) {
        // Hidden channels stay hidden in pages too: only what the caller may see.
        var caller = call.user();
        PageFiller.Page<ChannelInfo> page = pages.fill(room.channels().infosAfter(request.afterId())
                        .filter(info -> room.canSee(caller, info.id())).iterator(),
                request.limit(), Limits.PAGE_BYTES);
        call.reply(new Directory.ChannelPage(page.items(), page.hasMore()));
    }

    private void users(Call call, Directory.ListUsers request) {
        PageFiller.Page<UserState> page = pages.fill(room.onlineSeenBy(call.user().id(), request.afterId()).iterator(),
                request.limit(), Limits.PAGE_BYTES);
        call.reply(new Directory.UserPage(page.items(), page.hasMore()));
    }

    private void members(Call call, Directory.ListMembers request) {
        PageFiller.Page<UserState> page = pages.fill(room.membersSeenBy(call.user().id(), request.after()).iterator(),
                request.limit(), Limits.PAGE_BYTES);
        call.reply(new Directory.MemberPage(page.items(), page.hasMore()));
    }
}
