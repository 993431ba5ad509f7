package dev.parley.client.cli;

import static dev.parley.client.cli.RoomWait.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.model.UserState;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * The headless client's friend actions ({@code --friend-request}, {@code --friend-accept},
 * {@code --friend-decline}, {@code --friends}): names are looked up among the room's members, each
 * result is printed in one line. Runs on the CLI's main thread, once per run.
 */
final class FriendCommands {
    private final ControlClient client;
    private final PrintWriter out;

    FriendCommands(ControlClient client, PrintWriter out) {
        this.client = client;
        this.out = out;
    }

    void request(String name) throws ExecutionException {
        UserState user = member(name);
        await(client.requestOk(new Friends.Ask(user.id())));
        out.println("Friend request sent to " + user.user().name() + ".");
    }

    void accept(String name) throws ExecutionException {
        UserState user = member(name);
        await(client.requestOk(new Friends.Accept(user.id())));
        out.println("You and " + user.user().name() + " are friends now.");
    }

    void decline(String name) throws ExecutionException {
        UserState user = member(name);
        await(client.requestOk(new Friends.Decline(user.id())));
        out.println("Declined " + user.user().name() + "'s friend request.");
    }

    /** One line per friend or request: name, how you stand, presence. */
    void list() throws ExecutionException {
        Friends.FriendList list = await(client.request(new Friends.ListFriends(), Friends.FriendList.class));
        if (list.friends().isEmpty()) {
            out.println("No friends or requests yet.");
        }
        for (Friends.Entry entry : list.friends()) {
            out.printf(Locale.ROOT, "%-32s  %-8s  %s%n", entry.user().user().name(), entry.status().wire(),
                    entry.user().presence().wire());
        }
        out.flush();
    }

    /** The member called {@code name} (ignoring case). */
    private UserState member(String name) throws ExecutionException {
        return MemberLookup.find(client, name).orElseThrow(() -> new ExecutionException(
                new IllegalArgumentException("There is no account '" + name + "' in this room.")));
    }
}
