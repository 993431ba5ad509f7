package dev.parley.server.friends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.db.Database;
import dev.parley.server.support.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the room reloads at start, against a real database (H2, or PostgreSQL on that run). */
class FriendRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private final Database db = TestDatabases.fresh();
    private final FriendRepository friends = new FriendRepository();
    private final AccountRepository accounts = new AccountRepository();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void friendshipsRequestsAndPrivacySurviveAReload() {
        long ann = account("ann");
        long bob = account("bob");
        long cat = account("cat");
        db.transact(c -> friends.ask(c, ann, bob, T0));
        db.transact(c -> friends.accept(c, bob, ann, T0.plusSeconds(5)));
        db.transact(c -> friends.ask(c, cat, ann, T0));
        db.transact(c -> {
            friends.savePrivacy(c, ann, new Privacy(true, false));
            friends.savePrivacy(c, ann, new Privacy(true, true));
            return null;
        });

        FriendBook book = db.transact(c -> new FriendBook(friends.all(c), friends.allPrivacy(c)));

        assertThat(book.status(ann, bob)).isEqualTo(FriendStatus.FRIEND);
        assertThat(book.link(bob, ann).orElseThrow().since()).isEqualTo(T0.plusSeconds(5).toEpochMilli());
        assertThat(book.status(ann, cat)).isEqualTo(FriendStatus.INCOMING);
        assertThat(book.status(cat, ann)).isEqualTo(FriendStatus.OUTGOING);
        assertThat(book.privacy(ann)).isEqualTo(new Privacy(true, true));
        assertThat(book.presenceHiddenFrom(ann, cat)).isTrue();
        assertThat(book.presenceHiddenFrom(ann, bob)).isFalse();
        assertThat(book.refusesDirectMessage(cat, ann)).isTrue();
        assertThat(book.refusesDirectMessage(bob, ann)).isFalse();
    }

    @Test
    void deletingAnAccountTakesItsFriendshipsAlong() {
        long ann = account("ann");
        long bob = account("bob");
        db.transact(c -> friends.ask(c, ann, bob, T0));
        db.transact(c -> {
            friends.savePrivacy(c, bob, new Privacy(false, true));
            return c.createStatement().executeUpdate("DELETE FROM accounts WHERE id = " + bob);
        });

        assertThat(db.transact(friends::all)).isEmpty();
        assertThat(db.<Map<Long, Privacy>>transact(friends::allPrivacy)).isEmpty();
    }

    @Test
    void theDatabaseRefusesARequestThatExistsInEitherDirection() {
        long ann = account("ann");
        long bob = account("bob");
        db.transact(c -> friends.ask(c, ann, bob, T0));

        assertThatThrownBy(() -> db.transact(c -> friends.ask(c, ann, bob, T0))).hasMessageContaining("asked already");
        db.transact(c -> friends.ask(c, bob, ann, T0));
        assertThat(db.<List<FriendLink>>transact(friends::all)).singleElement()
                .satisfies(link -> assertThat(link.accepted()).isTrue());
    }

    private long account(String name) {
        return db.transact(c -> accounts.create(c, name, "hash", Role.MEMBER).id());
    }
}
