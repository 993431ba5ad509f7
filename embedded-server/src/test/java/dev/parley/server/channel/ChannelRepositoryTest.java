package dev.parley.server.channel;

import dev.parley.protocol.control.model.Role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.db.Database;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelRepositoryTest {

    private final Database db = dev.parley.server.support.TestDatabases.fresh();
    private final ChannelRepository channels = new ChannelRepository();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void migrationCreatesTheLobbyAsRoot() {
        Channel lobby = db.transact(c -> channels.findById(c, ChannelRepository.LOBBY_ID)).orElseThrow();
        assertThat(lobby.parentId()).isNull();
        assertThat(lobby.name()).isEqualTo("Lobby");
    }

    @Test
    void newChannelsAppendToTheirParentAndAllIsOrdered() {
        Channel games = db.transact(c -> channels.create(c, 1L, "Games", "play"));
        Channel music = db.transact(c -> channels.create(c, 1L, "Music", null));
        Channel chess = db.transact(c -> channels.create(c, games.id(), "Chess", ""));

        assertThat(games.id()).isGreaterThan(1);
        assertThat(music.position()).isGreaterThan(games.position());
        List<Channel> all = db.transact(channels::all);
        assertThat(all).extracting(Channel::name)
                .containsExactly("Lobby", "Games", "Music", "Chess");
        assertThat(chess.parentId()).isEqualTo(games.id());
    }

    @Test
    void updateAndPassword() {
        Channel games = db.transact(c -> channels.create(c, 1L, "Games", ""));

        Optional<Channel> updated = db.transact(c -> channels.update(c, games.id(), "Gaming", "new"));
        assertThat(updated).get()
                .extracting(Channel::name, Channel::description).containsExactly("Gaming", "new");
        db.transact(c -> channels.setPasswordHash(c, games.id(), "$argon2id$x"));
        assertThat(db.transact(c -> channels.findById(c, games.id())).orElseThrow().hasPassword()).isTrue();
        db.transact(c -> channels.setPasswordHash(c, games.id(), null));
        assertThat(db.transact(c -> channels.findById(c, games.id())).orElseThrow().hasPassword()).isFalse();
        Optional<Channel> missing = db.transact(c -> channels.update(c, 999, "x", ""));
        assertThat(missing).isEmpty();
    }

    @Test
    void moveRefusesCycles() {
        Channel a = db.transact(c -> channels.create(c, 1L, "A", ""));
        Channel b = db.transact(c -> channels.create(c, a.id(), "B", ""));

        assertThatThrownBy(() -> db.transact(c -> channels.move(c, a.id(), b.id(), 0)))
                .isInstanceOf(IllegalArgumentException.class);
        Channel moved = db.transact(c -> channels.move(c, b.id(), 1L, 7)).orElseThrow();
        assertThat(moved.parentId()).isEqualTo(1L);
        assertThat(moved.position()).isEqualTo(7);
    }

    @Test
    void deletingAChannelMovesItsChildrenUp() {
        Channel games = db.transact(c -> channels.create(c, 1L, "Games", ""));
        Channel chess = db.transact(c -> channels.create(c, games.id(), "Chess", ""));
        Channel go = db.transact(c -> channels.create(c, games.id(), "Go", ""));
        db.transact(c -> {
            channels.setOverride(c, games.id(), Role.GUEST, "SPEAK", false);
            return null;
        });

        boolean deleted = db.transact(c -> channels.delete(c, games.id()));
        assertThat(deleted).isTrue();

        Optional<Channel> gone = db.transact(c -> channels.findById(c, games.id()));
        assertThat(gone).isEmpty();
        assertThat(db.transact(c -> channels.findById(c, chess.id())).orElseThrow().parentId()).isEqualTo(1L);
        assertThat(db.transact(c -> channels.findById(c, go.id())).orElseThrow().parentId()).isEqualTo(1L);
        List<PermissionOverride> overrides = db.transact(channels::allOverrides);
        assertThat(overrides).isEmpty();
        boolean deletedAgain = db.transact(c -> channels.delete(c, games.id()));
        assertThat(deletedAgain).isFalse();
    }

    @Test
    void lobbyCannotBeDeleted() {
        assertThatThrownBy(() -> db.transact(c -> channels.delete(c, ChannelRepository.LOBBY_ID)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overridesCanBeSetChangedAndCleared() {
        Channel games = db.transact(c -> channels.create(c, 1L, "Games", ""));
        long id = games.id();
        db.transact(c -> {
            channels.setOverride(c, id, Role.MEMBER, "SPEAK", false);
            channels.setOverride(c, id, Role.GUEST, "JOIN", false);
            channels.setOverride(c, id, Role.MEMBER, "SPEAK", true);
            return null;
        });

        List<PermissionOverride> set = db.transact(c -> channels.overrides(c, id));
        assertThat(set).containsExactly(
                new PermissionOverride(id, Role.GUEST, "JOIN", false),
                new PermissionOverride(id, Role.MEMBER, "SPEAK", true));

        db.transact(c -> {
            channels.setOverride(c, id, Role.MEMBER, "SPEAK", null);
            return null;
        });
        List<PermissionOverride> left = db.transact(channels::allOverrides);
        assertThat(left).isEqualTo(List.of(new PermissionOverride(id, Role.GUEST, "JOIN", false)));
    }
}
