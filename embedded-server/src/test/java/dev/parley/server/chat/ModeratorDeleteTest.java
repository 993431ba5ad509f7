package dev.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Moderation;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.AuditEntry;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A moderator (not only an admin) removes someone else's channel message, and the audit log says so. */
@Timeout(60)
class ModeratorDeleteTest {
    private static final long LOBBY = 1;

    @TempDir
    Path data;
    ParleyServer server;
    SignedIn admin;
    SignedIn mod;
    SignedIn member;

    @BeforeEach
    void start() throws Exception {
        server = Rooms.start(data);
        admin = Rooms.register(server, "admin");
        mod = Rooms.register(server, "mod");
        member = Rooms.register(server, "member");
        admin.client().expect(new Users.SetRole(mod.id(), Role.MODERATOR), Ok.class);
    }

    @AfterEach
    void stop() {
        admin.close();
        mod.close();
        member.close();
        server.close();
    }

    private ChatMessage say(SignedIn who, Long channelId, Long toUserId, String text) throws InterruptedException {
        return who.client().expect(new Chat.Send(channelId, toUserId, text, "n-" + text.hashCode(), null), Chat.Sent.class)
                .message();
    }

    @Test
    void aModeratorDeletesAMembersMessageAndTheAuditLogRecordsIt() throws Exception {
        ChatMessage rude = say(member, LOBBY, null, "rude words");

        mod.client().expect(new Chat.Delete(rude.id()), Ok.class);

        member.client().awaitEvent(Chat.Deleted.class, e -> e.messageId() == rude.id());
        Moderation.AuditPage audit = admin.client().expect(new Moderation.AuditList(null, null), Moderation.AuditPage.class);
        assertThat(audit.entries()).filteredOn(e -> e.action().equals("chat.delete")).singleElement().satisfies(entry -> {
            assertThat(entry.actorName()).isEqualTo("mod");
            assertThat(entry.targetName()).isEqualTo("member");
            assertThat(entry.channelId()).isEqualTo(LOBBY);
        });
    }

    @Test
    void deletingOnesOwnMessageIsNotAModerationAction() throws Exception {
        ChatMessage mine = say(mod, LOBBY, null, "oops");
        mod.client().expect(new Chat.Delete(mine.id()), Ok.class);
        Moderation.AuditPage audit = admin.client().expect(new Moderation.AuditList(null, null), Moderation.AuditPage.class);
        assertThat(audit.entries()).extracting(AuditEntry::action).doesNotContain("chat.delete");
    }

    @Test
    void aModeratorWithoutManageInTheChannelOrOutsideTheConversationCannot() throws Exception {
        long quiet = admin.client().expect(new Channels.Create(null, "Quiet", null, null, null), Channels.Created.class)
                .channel().id();
        admin.client().expect(new Channels.SetPermission(quiet, Role.MODERATOR, Permission.MANAGE, false), Ok.class);
        ChatMessage there = say(member, quiet, null, "in quiet");
        ChatMessage privately = say(member, null, admin.id(), "just for admin");

        mod.client().expectError(new Chat.Delete(there.id()), ErrorCode.FORBIDDEN);
        mod.client().expectError(new Chat.Delete(privately.id()), ErrorCode.NOT_FOUND);
        member.client().expectError(new Chat.Delete(say(mod, LOBBY, null, "mod says").id()), ErrorCode.FORBIDDEN);
    }
}
