package dev.parley.client.core.room;

import static dev.parley.client.core.support.Clients.onLoop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.server.db.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth.ok} carries only the first page of channels and online users; {@link RoomState}
 * pages in the rest, so the channel tree and who is online are whole however big the room is.
 */
@Timeout(120)
class RoomPagingTest {
    private static final int CHANNELS = 1_200;
    private static final int GUESTS = 110;

    @TempDir
    Path data;

    private final List<ControlClient> clients = new ArrayList<>();
    private TestRoom room;

    @AfterEach
    void tearDown() {
        clients.forEach(ControlClient::close);
        if (room != null) {
            room.close();
        }
    }

    @Test
    void theWholeTreeAndEveryoneOnlineArePagedIn() throws Exception {
        try (Database database = Database.openFile(data)) {
            database.transact(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO channels"
                        + " (parent_id, name, description, sort_order, created_at) VALUES (1, ?, ?, ?, ?)")) {
                    for (int i = 0; i < CHANNELS; i++) {
                        ps.setString(1, "channel " + i + " " + "x".repeat(50));
                        ps.setString(2, "a long description ".repeat(25));
                        ps.setInt(3, i);
                        ps.setTimestamp(4, Timestamp.from(Instant.now()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
        room = TestRoom.start(data);
        for (int i = 0; i < GUESTS; i++) {
            ControlClient guest = Clients.client(room.port());
            clients.add(guest);
            Clients.signIn(guest, new Credentials.Guest("guest number " + i, null));
        }

        ControlClient ann = Clients.client(room.port());
        clients.add(ann);
        RoomState state = RoomState.attach(ann);
        Session.AuthOk auth = Clients.signIn(ann, new Credentials.Register("ann", Clients.PASSWORD, null));

        assertThat(auth.moreChannels()).isTrue();
        assertThat(auth.moreUsers()).isTrue();
        assertThat(auth.counts().channels()).isEqualTo(CHANNELS + 1);
        assertThat(auth.counts().online()).isEqualTo(GUESTS + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> onLoop(ann.eventLoop(), () -> state.channels().size()),
                size -> size == CHANNELS + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> onLoop(ann.eventLoop(), () -> state.usersIn(1).size()),
                size -> size == GUESTS + 1);
        assertThat(onLoop(ann.eventLoop(), () -> state.children(1)).stream().map(ChannelInfo::name))
                .hasSize(CHANNELS).doesNotHaveDuplicates();
    }
}
