package dev.parley.client.cli;

import static dev.parley.client.cli.RoomWait.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.model.UserState;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** Finds an account of the room by name (ignoring case) or id, paging through the room's members. */
final class MemberLookup {
    private MemberLookup() {
    }

    static Optional<UserState> find(ControlClient client, String nameOrId) throws ExecutionException {
        String after = null;
        while (true) {
            Directory.MemberPage page = await(client.request(new Directory.ListMembers(after, null),
                    Directory.MemberPage.class));
            for (UserState member : page.members()) {
                if (member.user().name().equalsIgnoreCase(nameOrId) || String.valueOf(member.id()).equals(nameOrId)) {
                    return Optional.of(member);
                }
            }
            if (!page.hasMore() || page.members().isEmpty()) {
                return Optional.empty();
            }
            after = page.members().get(page.members().size() - 1).user().name();
        }
    }
}
