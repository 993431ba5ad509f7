package dev.parley.server.auth;

import dev.parley.protocol.control.model.Role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.db.Database;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountRepositoryTest {

    private final Database db = dev.parley.server.support.TestDatabases.fresh();
    private final AccountRepository accounts = new AccountRepository();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createdAccountIsFoundByIdAndName() {
        Account created = db.transact(c -> accounts.create(c, "Alice", "$argon2id$hash", Role.ADMIN));

        Optional<Account> byId = db.transact(c -> accounts.findById(c, created.id()));
        Optional<Account> byName = db.transact(c -> accounts.findByUsername(c, "alice"));
        assertThat(byId).contains(created);
        assertThat(byName).contains(created);
        assertThat(created.username()).isEqualTo("Alice");
        assertThat(created.lastSeenAt()).isNull();
    }

    @Test
    void usernameUniquenessIgnoresCase() {
        db.transact(c -> accounts.create(c, "Alice", "h", Role.MEMBER));

        assertThatThrownBy(() -> db.transact(c -> accounts.create(c, "ALICE", "h", Role.MEMBER)))
                .isInstanceOf(UsernameTakenException.class);
        long count = db.transact(accounts::count);
        assertThat(count).isEqualTo(1);
    }

    @Test
    void roleAndLastSeenCanChange() {
        Account bob = db.transact(c -> accounts.create(c, "bob", "h", Role.MEMBER));

        boolean roleSet = db.transact(c -> accounts.setRole(c, bob.id(), Role.MODERATOR));
        boolean touched = db.transact(c -> accounts.touchLastSeen(c, bob.id()));
        assertThat(roleSet).isTrue();
        assertThat(touched).isTrue();

        Account reloaded = db.transact(c -> accounts.findById(c, bob.id())).orElseThrow();
        assertThat(reloaded.role()).isEqualTo(Role.MODERATOR);
        assertThat(reloaded.lastSeenAt()).isNotNull();
        boolean missingSet = db.transact(c -> accounts.setRole(c, 999, Role.ADMIN));
        assertThat(missingSet).isFalse();
    }

    @Test
    void guestsAreNeverStored() {
        assertThatThrownBy(() -> db.transact(c -> accounts.create(c, "g", "h", Role.GUEST)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesThePasswordHash() {
        Account a = db.transact(c -> accounts.create(c, "carol", "$argon2id$secret", Role.MEMBER));
        assertThat(a.toString()).doesNotContain("secret");
    }
}
