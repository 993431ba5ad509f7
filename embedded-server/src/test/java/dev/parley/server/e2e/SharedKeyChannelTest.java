package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.E2e;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.E2eMode;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.IdentityKeyPair;
import dev.parley.protocol.e2e.KeyShares;
import dev.parley.protocol.e2e.SealedText;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.DataFolderScan;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared-key encrypted channels against a real room: the server keeps identity keys and sealed copies it
 * cannot open, hands each member only its own, and every change of members is a new epoch.
 */
@Timeout(60)
class SharedKeyChannelTest {
    private static final String SECRET = "the eagle lands at midnight";

    @TempDir
    Path data;

    private final Map<Long, IdentityKeyPair> identities = new java.util.HashMap<>();

    @Test
    void membersGetTheirOwnCopyAndEveryChangeOfMembersIsANewKeyTheLeaverNeverGets() throws Exception {
        ParleyServer server = Rooms.start(data);
        try (SignedIn admin = Rooms.register(server, "admin"); SignedIn bob = Rooms.register(server, "bob");
             SignedIn carol = Rooms.register(server, "carol")) {
            publish(admin, bob, carol);
            long vault = channel(admin, "Vault");

            byte[] first = rotate(admin, vault, 1, admin, bob);
            ChannelE2e e2e = carol.client().awaitEvent(Channels.Updated.class,
                    e -> e.channel().id() == vault && e.channel().endToEnd()).channel().e2e();
            assertThat(e2e.mode()).isEqualTo(E2eMode.SHARED);
            assertThat(e2e.members()).containsExactlyInAnyOrder(admin.id(), bob.id());
            assertThat(openAll(bob, vault)).containsOnlyKeys(1);
            assertThat(openAll(bob, vault).get(1)).isEqualTo(first);
            assertThat(openAll(carol, vault)).as("not a member").isEmpty();

            bob.client().expect(new Channels.Join(vault, null), Ok.class);
            ChannelKey bobsKey = ChannelKey.fromShared(vault, 1, openAll(bob, vault).get(1));
            Chat.Sent sent = bob.client().expect(new Chat.Send(vault, null, SealedText.seal(bobsKey, bob.id(), SECRET),
                    "n1", null), Chat.Sent.class);
            assertThat(SealedText.open(ChannelKey.fromShared(vault, 1, first), bob.id(), sent.message().text()))
                    .contains(SECRET);

            byte[] second = rotate(admin, vault, 2, admin, bob, carol);
            assertThat(openAll(carol, vault)).as("a newcomer gets the new key only").containsOnlyKeys(2);
            assertThat(openAll(bob, vault)).containsOnlyKeys(1, 2);
            assertThat(openAll(bob, vault).get(2)).isEqualTo(second);

            rotate(admin, vault, 3, admin, carol);
            assertThat(openAll(bob, vault)).as("whoever was removed never gets the new key").containsOnlyKeys(1, 2);
            bob.client().expectError(new Chat.Send(vault, null,
                    SealedText.seal(ChannelKey.fromShared(vault, 2, second), bob.id(), "still here?"), "n2", null),
                    ErrorCode.CONFLICT);
        }
        server.close();

        ParleyServer again = Rooms.start(data);
        try (SignedIn carol = Rooms.login(again, "carol")) {
            ChannelE2e kept = carol.auth().channels().stream().filter(c -> c.name().equals("Vault")).findFirst()
                    .orElseThrow().e2e();
            assertThat(kept.epoch()).isEqualTo(3);
            assertThat(kept.mode()).isEqualTo(E2eMode.SHARED);
            assertThat(kept.members()).hasSize(2);
        } finally {
            again.close();
        }
        if (!TestDatabases.postgres()) {
            assertThat(DataFolderScan.contains(data, SECRET)).isFalse();
        }
    }

    @Test
    void aRotationThatDoesNotMatchThePublishedKeysOrTheEpochIsRefused() throws Exception {
        ParleyServer server = Rooms.start(data);
        try (SignedIn admin = Rooms.register(server, "admin"); SignedIn bob = Rooms.register(server, "bob");
             SignedIn carol = Rooms.register(server, "carol")) {
            publish(admin, bob);
            long vault = channel(admin, "Vault");
            byte[] key = KeyShares.newChannelKey();

            admin.client().expectError(rekey(admin, vault, 2, key, admin, bob), ErrorCode.CONFLICT);
            admin.client().expectError(rekey(admin, vault, 1, key, admin, carol), ErrorCode.CONFLICT);
            admin.client().expectError(rekey(admin, vault, 1, key, bob), ErrorCode.INVALID_FIELD);
            bob.client().expectError(rekey(bob, vault, 1, key, bob), ErrorCode.FORBIDDEN);
            IdentityKeyPair stale = identities.get(bob.id());
            identities.put(bob.id(), IdentityKeyPair.generate());
            bob.client().expect(new E2e.PublishIdentity(identities.get(bob.id()).publicKey()), Ok.class);
            identities.put(bob.id(), stale);
            admin.client().expectError(rekey(admin, vault, 1, key, admin, bob), ErrorCode.CONFLICT);

            try (SignedIn guest = Rooms.guest(server, "visitor")) {
                guest.client().expectError(new E2e.PublishIdentity(IdentityKeyPair.generate().publicKey()),
                        ErrorCode.FORBIDDEN);
            }
            admin.client().expectError(new E2e.Keys(9_999L, null), ErrorCode.NOT_FOUND);
            assertThat(bob.client().expect(new E2e.Identities(List.of(admin.id(), carol.id())), E2e.IdentitiesInfo.class)
                    .identities()).containsExactly(new E2e.Identity(admin.id(), identities.get(admin.id()).publicKey()),
                    new E2e.Identity(carol.id(), null));
        }
        server.close();
    }

    private void publish(SignedIn... users) throws Exception {
        for (SignedIn user : users) {
            IdentityKeyPair identity = IdentityKeyPair.generate();
            identities.put(user.id(), identity);
            user.client().expect(new E2e.PublishIdentity(identity.publicKey()), Ok.class);
        }
    }

    private static long channel(SignedIn admin, String name) throws Exception {
        return admin.client().expect(new Channels.Create(null, name, null, null, null), Channels.Created.class)
                .channel().id();
    }

    private byte[] rotate(SignedIn by, long channelId, int epoch, SignedIn... members) throws Exception {
        byte[] key = KeyShares.newChannelKey();
        by.client().expect(rekey(by, channelId, epoch, key, members), Ok.class);
        return key;
    }

    private Channels.Rekey rekey(SignedIn by, long channelId, int epoch, byte[] key, SignedIn... members)
            throws Exception {
        IdentityKeyPair sender = identities.get(by.id());
        List<Channels.KeyShare> shares = new ArrayList<>();
        for (SignedIn member : members) {
            IdentityKeyPair identity = identities.get(member.id());
            String recipientKey = identity == null ? IdentityKeyPair.generate().publicKey() : identity.publicKey();
            shares.add(new Channels.KeyShare(member.id(), recipientKey,
                    KeyShares.seal(sender, by.id(), member.id(), recipientKey, channelId, epoch, key)));
        }
        return new Channels.Rekey(channelId, E2eMode.SHARED, epoch, sender.publicKey(), shares);
    }

    /** Every copy {@code user} gets for the channel, opened, by epoch. */
    private Map<Integer, byte[]> openAll(SignedIn user, long channelId) throws Exception {
        E2e.KeysInfo info = user.client().expect(new E2e.Keys(channelId, null), E2e.KeysInfo.class);
        Map<Integer, byte[]> opened = new java.util.TreeMap<>();
        for (E2e.StoredShare share : info.keys()) {
            assertThat(opened.put(share.epoch(), KeyShares.open(identities.get(user.id()), user.id(), channelId, share)))
                    .as("one copy per epoch").isNull();
        }
        return opened;
    }
}
