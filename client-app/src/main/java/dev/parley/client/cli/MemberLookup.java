package dev.parley.client.cli;

import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.model.UserState;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Finds an account of the room by name (ignoring case) or id, paging through the room's members. */
final class MemberLookup {
    private static final long TIMEOUT_SECONDS = 15;

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

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws ExecutionException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(new TimeoutException("the room did not answer in time"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        }
    }
}
