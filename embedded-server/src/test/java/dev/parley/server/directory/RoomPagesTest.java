package dev.parley.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.RoomCounts;
import dev.parley.protocol.control.model.UnreadCount;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.channel.Channel;
import dev.parley.server.channel.ChannelTree;
import dev.parley.server.channel.ChannelUnlocks;
import dev.parley.server.channel.PermissionPolicy;
import dev.parley.server.room.Room;
import dev.parley.server.session.ClientLink;
import dev.parley.server.session.OnlineUser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every page the server builds, at the sizes issue 11 names, with the largest entries the rules
 * allow (names and descriptions of 3-byte characters): each encoded reply frame stays under the
 * 64 KiB clients accept, and paging reaches every entry exactly once. A room this big cannot be
 * brought online over loopback here (10,000 connections), so the room is filled in memory; the
 * real-server tests ({@code RoomBoundsTest}, {@code LockOutAttackTest}) cover what can be.
 */
class RoomPagesTest {
    private static final String THREE_BYTES = "語";
    private final ControlCodec codec = new ControlCodec();
    private final PageFiller pages = new PageFiller(codec);

    @Test
    void tenThousandOnlineUsersWithLongestNamesArePagedUnderTheFrameLimit() {
        Room room = room(List.of());
        for (int i = 0; i < 10_000; i++) {
            // Guests may use any characters: 32 three-byte ones are the heaviest name.
            OnlineUser user = new OnlineUser(-1_000_001L - i, THREE_BYTES.repeat(28) + String.format("%04d", i),
                    Role.GUEST, ChannelTree.LOBBY_ID, new NullLink());
            user.markWelcomed();
            room.add(user);
        }

        List<Long> seen = new ArrayList<>();
        Long after = null;
        int largest = 0;
        while (true) {
            PageFiller.Page<UserState> page = pages.fill(room.onlineSeenBy(-1_000_001L, after).iterator(),
                    Limits.MAX_USER_PAGE, Limits.PAGE_BYTES);
            largest = Math.max(largest, frameBytes(new Directory.UserPage(page.items(), page.hasMore())));
            page.items().forEach(user -> seen.add(user.id()));
            if (!page.hasMore()) {
                break;
            }
            after = page.items().get(page.items().size() - 1).id();
        }

        assertThat(seen).hasSize(10_000).doesNotHaveDuplicates();
        assertThat(largest).isLessThan(Limits.MAX_FRAME_BYTES);
        assertThat(authOkBytes(room, -1_000_001L)).isLessThan(Limits.MAX_FRAME_BYTES);
        System.out.printf("ROOM-BOUNDS fake room, 10,000 online: largest users.page %,d bytes, auth.ok %,d bytes%n",
                largest, authOkBytes(room, -1_000_001L));
    }

    @Test
    void tenThousandHeaviestChannelsArePagedUnderTheFrameLimit() {
        List<Channel> channels = new ArrayList<>();
        channels.add(new Channel(1, null, "Lobby", "", 0, null, Instant.now()));
        for (long id = 2; id <= Limits.MAX_CHANNELS; id++) {
            channels.add(new Channel(id, 1L, THREE_BYTES.repeat(Limits.MAX_CHANNEL_NAME),
                    "\"".repeat(Limits.MAX_CHANNEL_DESCRIPTION), (int) (id % 10_000), null, Instant.now()));
        }
        Room room = room(channels);

        Set<Long> seen = new HashSet<>();
        int largest = walk(after -> pages.fill(room.channels().infosAfter(after).iterator(), Limits.MAX_CHANNEL_PAGE,
                Limits.PAGE_BYTES), page -> new Directory.ChannelPage(page.items(), page.hasMore()), ChannelInfo::id, seen);

        assertThat(seen).hasSize(Limits.MAX_CHANNELS);
        assertThat(largest).isLessThan(Limits.MAX_FRAME_BYTES);
        System.out.printf("ROOM-BOUNDS fake room, 10,000 channels of the heaviest text: largest channels.page %,d bytes%n",
                largest);
    }

    @Test
    void oneHundredThousandMembersArePagedUnderTheFrameLimit() {
        List<Room.KnownAccount> accounts = new ArrayList<>();
        for (long id = 1; id <= 100_000; id++) {
            accounts.add(new Room.KnownAccount(new UserInfo(id, String.format("member_%025d", id), Role.MEMBER),
                    1_718_000_000_000L));
        }
        Room room = new Room(lobbyTree(List.of()), new PermissionPolicy(lobbyTree(List.of()), List.of()), accounts,
                codec, -1_000_001L, ChannelUnlocks.inMemory());

        Set<String> seen = new HashSet<>();
        String after = null;
        int largest = 0;
        while (true) {
            PageFiller.Page<UserState> page = pages.fill(room.membersSeenBy(1, after).iterator(), Limits.MAX_USER_PAGE,
                    Limits.PAGE_BYTES);
            largest = Math.max(largest, frameBytes(new Directory.MemberPage(page.items(), page.hasMore())));
            page.items().forEach(member -> seen.add(member.user().name()));
            if (!page.hasMore()) {
                break;
            }
            after = page.items().get(page.items().size() - 1).user().name();
        }

        assertThat(seen).hasSize(100_000);
        assertThat(largest).isLessThan(Limits.MAX_FRAME_BYTES);
    }

    private <T, R> int walk(Function<Long, PageFiller.Page<T>> next, Function<PageFiller.Page<T>, R> reply,
                            java.util.function.ToLongFunction<T> id, Set<Long> seen) {
        Long after = null;
        int largest = 0;
        while (true) {
            PageFiller.Page<T> page = next.apply(after);
            largest = Math.max(largest, frameBytes((dev.parley.protocol.control.message.Message) reply.apply(page)));
            page.items().forEach(item -> assertThat(seen.add(id.applyAsLong(item))).isTrue());
            if (!page.hasMore()) {
                return largest;
            }
            after = id.applyAsLong(page.items().get(page.items().size() - 1));
        }
    }

    /** The auth.ok a signed-in viewer would get, built the way SignIn builds it. */
    private int authOkBytes(Room room, long viewerId) {
        PageFiller.Page<ChannelInfo> channels = pages.fill(room.channels().infosAfter(null).iterator(),
                Limits.MAX_CHANNEL_PAGE, Limits.AUTH_PAGE_BYTES);
        PageFiller.Page<UserState> users = pages.fill(room.onlineSeenBy(viewerId, null).iterator(), Limits.MAX_USER_PAGE,
                Limits.AUTH_PAGE_BYTES);
        List<UnreadCount> unread = new ArrayList<>();
        for (long i = 0; i < Limits.MAX_UNREAD_LISTED; i++) {
            unread.add(new UnreadCount(null, Long.MAX_VALUE - i, Integer.MAX_VALUE, Long.MAX_VALUE));
        }
        return frameBytes(new Session.AuthOk("t".repeat(Limits.MAX_TOKEN), Long.MAX_VALUE,
                new UserInfo(viewerId, THREE_BYTES.repeat(32), Role.GUEST), 1, channels.items(), users.items(), unread,
                Long.MAX_VALUE, channels.hasMore(), users.hasMore(), new RoomCounts(10_000, 10_000, 100_000)));
    }

    private int frameBytes(dev.parley.protocol.control.message.Message reply) {
        return codec.encode(new Envelope("r".repeat(Limits.MAX_REQUEST_ID),
                Long.MAX_VALUE, reply)).getBytes(StandardCharsets.UTF_8).length;
    }

    private Room room(List<Channel> channels) {
        ChannelTree tree = lobbyTree(channels);
        return new Room(tree, new PermissionPolicy(tree, List.of()), List.of(), codec, -1_000_001L, ChannelUnlocks.inMemory());
    }

    private static ChannelTree lobbyTree(List<Channel> channels) {
        return new ChannelTree(channels.isEmpty()
                ? List.of(new Channel(1, null, "Lobby", "", 0, null, Instant.now())) : channels);
    }

    private static final class NullLink implements ClientLink {
        @Override
        public void send(Envelope envelope) {
        }

        @Override
        public void sendEncoded(String frame) {
        }

        @Override
        public void sendBinary(byte[] frame) {
        }

        @Override
        public void announceAndClose(int code, String reason, String message) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
